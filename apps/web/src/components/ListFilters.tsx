/** The filters the request lists share: a state picker and an on/off switch with its label. */
import { Flex, Select, Switch } from 'antd';

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
