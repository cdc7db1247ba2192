import type { Measure, ResponsibilityRole, UnitMention } from '@lantian/contract';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { commonMessages } from '../../components/messages.ts';
import { ROLE_COLORS } from '../../components/RoleTag.tsx';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { paren } from '../../i18n/punctuation.ts';
import { highlightParts } from '../../lib/search.ts';
import { formatTarget } from './format.ts';
import { planMessages } from './messages.ts';

export const ROLE_ORDER: readonly ResponsibilityRole[] = ['lead', 'responsible', 'assisting'];

/** Text with the search terms marked. */
export function Highlight({ text, terms }: { text: string; terms: readonly string[] }) {
  return (
    <>
      {highlightParts(text, terms).map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string never reorder
        part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}

function mentionLabel(m: UnitMention): string {
  return m.actingAs ? paren(m.name, m.actingAs) : m.name;
}

/** The units of one role as coloured tags; groups outlined, unknown names flagged. */
export function MentionTags({
  role,
  mentions,
  etAl,
  terms = [],
}: {
  role: ResponsibilityRole;
  mentions: readonly UnitMention[];
  etAl?: boolean;
  terms?: readonly string[];
}) {
  const t = useT(planMessages);
  const c = useT(commonMessages);
  if (mentions.length === 0) return null;
  return (
    <Flex wrap gap={4} align="center">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c(role)}
      </Typography.Text>
      {mentions.map((m) => {
        const tag = (
          <Tag
            key={`${m.written}-${m.name}`}
            color={m.kind === 'unknown' ? 'warning' : ROLE_COLORS[role]}
            variant={m.kind === 'group' ? 'outlined' : 'filled'}
            style={{
              marginInlineEnd: 0,
              borderStyle: m.kind === 'group' ? 'dashed' : undefined,
              whiteSpace: 'normal',
            }}
          >
            <Highlight text={mentionLabel(m)} terms={terms} />
          </Tag>
        );
        if (m.kind === 'unit') return tag;
        return (
          <Tooltip
            key={`${m.written}-${m.name}`}
            title={m.kind === 'group' ? t('groupTag') : t('unknownUnit')}
          >
            {tag}
          </Tooltip>
        );
      })}
      {etAl && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c('etAl')}
        </Typography.Text>
      )}
    </Flex>
  );
}

export function MeasureUnits({ measure, terms }: { measure: Measure; terms?: readonly string[] }) {
  const etAl = {
    lead: measure.leadEtAl,
    responsible: measure.responsibleEtAl,
    assisting: measure.assistingEtAl,
  };
  return (
    <Flex vertical gap={4}>
      {ROLE_ORDER.map((role) => (
        <MentionTags key={role} role={role} mentions={measure.units[role]} etAl={etAl[role]} terms={terms} />
      ))}
    </Flex>
  );
}

/** Milestones and targets read from the text, in one compact block under it. */
export function MilestonesAndTargets({ measure, targets = true }: { measure: Measure; targets?: boolean }) {
  const t = useT(planMessages);
  const { lang } = useLocale();
  if (measure.milestones.length === 0 && (measure.targets.length === 0 || !targets)) return null;
  return (
    <Flex vertical gap={2} style={{ marginTop: 6, fontSize: 12 }}>
      {measure.milestones.map((m) => (
        <Typography.Text key={m.id} type="secondary" style={{ fontSize: 12 }}>
          <Tag color="processing" style={{ fontSize: 12 }}>
            {t('milestone')} {m.due}
          </Tag>
          {m.raw}：{m.text}
        </Typography.Text>
      ))}
      {targets && measure.targets.length > 0 && (
        <Flex wrap gap={4}>
          {measure.targets.map((x) => (
            <Tooltip key={x.id} title={x.text}>
              <Tag color="purple" style={{ marginInlineEnd: 0, fontSize: 12 }}>
                {t('target')} {formatTarget(x, lang)}
              </Tag>
            </Tooltip>
          ))}
        </Flex>
      )}
    </Flex>
  );
}

/** Measure text, paragraph by paragraph, with search terms marked. */
export function MeasureText({ text, terms = [] }: { text: string; terms?: readonly string[] }) {
  return (
    <>
      {text.split('\n').map((para, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text never reorder
        <p key={i} style={{ margin: i === 0 ? 0 : '6px 0 0' }}>
          <Highlight text={para} terms={terms} />
        </p>
      ))}
    </>
  );
}
