/**
 * What a segment is and where it stands (issue 16), under its heading on the translate and
 * review pages: "Heading 2 of 5", "Front matter: title", and a link to each twin (a segment
 * with the same source text: the title and the H1), so that one text serves both.
 */
import type { SegmentContext } from '../../src/operations/segment-context.ts';
import type { Translate } from './page-env.ts';

export function SegmentContextLabel({ context, t }: { context: SegmentContext | undefined; t: Translate }) {
  if (!context) return null;
  const where = context.key ? t('context.frontmatterKey', { key: context.key }) : t('context.position', { kind: t(`context.kind.${context.kind}`), n: context.n, of: context.of });
  return (
    <p class="segment-context" data-kind={context.kind}>
      {where}
      {context.twins.map((twin) => (
        <>
          {' '}
          <a class="segment-twin" href={`#seg-${twin.id}`} data-twin={twin.id}>
            {t('context.twin', { n: twin.n })}
          </a>
        </>
      ))}
    </p>
  );
}
