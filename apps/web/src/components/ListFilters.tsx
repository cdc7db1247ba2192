/** The filters the request lists share: a state picker and an on/off switch with its label. */
import { Flex, Select, Switch } from 'antd';
import type { ReactNode } from 'react';

export function StateFilter<S extends string>({
  label,
  states,
  stateLabel,
  value,
  onChange,
  width = 170,
}: {
  label: string;
  states: readonly S[];
  stateLabel: (state: S) => string;
  value: S | undefined;
  onChange: (state: S | undefined) => void;
  width?: number;
}) {
  return (
    <Select<S>
      allowClear
      aria-label={label}
      placeholder={label}
      style={{ width }}
      value={value}
      onChange={onChange}
      options={states.map((x) => ({ value: x, label: stateLabel(x) }))}
    />
  );
}

export function SwitchFilter({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <Flex gap={6} align="center">
      <Switch id={id} size="small" checked={checked} onChange={onChange} />
      <label htmlFor={id}>{label}</label>
    </Flex>
  );
}

/** The row of filters above a list. */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      {children}
    </Flex>
  );
}
