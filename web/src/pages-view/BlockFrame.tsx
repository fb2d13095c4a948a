// One block of a page: an article named by its title (or its kind), sized in the 12-column grid,
// that loads its datasets (with the reader's rights) and then its content only once near the
// viewport; "Not available to you" when a dataset is not the reader's to see; its links (Embed, datasets).
import { useRef } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorBox } from '../components/States.tsx';
import { Link } from '../components/Link.tsx';
import { datasetHref } from '../app/routes.ts';
import { blockDatasets, type Block } from '../api/page-model.ts';
import { blockKind } from './registry.ts';
import { usePageCtx } from './context.ts';
import { useVisible } from './use-visible.ts';
import { useDatasets } from './use-datasets.ts';
import { blockWhere } from './page-filters.ts';
import { BlockWait, NotAvailable } from './BlockStates.tsx';
import { BlockEmbed } from './BlockEmbed.tsx';
import './blocks/builtin.ts';

interface Props { block: Block; headingLevel: 1 | 2; single?: boolean }

export function BlockFrame({ block, headingLevel, single = false }: Props) {
  const { t } = useI18n();
  const ctx = usePageCtx();
  const ref = useRef<HTMLElement>(null);
  const visible = useVisible(ref);
  const kind = blockKind(block.type);
  const ids = blockDatasets(block);
  const loaded = useDatasets(ids, visible);
  const title = block.title?.trim();
  const name = title || t(kind?.label ?? 'page.block.unknown');
  const headingId = `block-${block.id}-title`;
  const H = `h${headingLevel}` as 'h1' | 'h2';
  const w = Math.max(1, Math.min(12, Math.round(block.layout?.w ?? 12)));
  const h = Math.max(1, Math.round(block.layout?.h ?? 2));
  const where = (dataset: string, own?: string) => blockWhere(ctx.filters, ctx.state, dataset, own);
  const Body = kind?.component;

  let body;
  if (!Body) body = <p className="muted">{t('page.block.unknown')}</p>;
  else if (!visible) body = <div className="block-pending" />;
  else if (loaded.status === 'loading') body = <BlockWait />;
  else if (loaded.status === 'denied') body = <NotAvailable />;
  else if (loaded.status === 'error') body = <ErrorBox error={loaded.error} />;
  else body = <Body block={block} datasets={loaded.datasets} where={where} headingLevel={(headingLevel + 1) as 2 | 3} name={name} />;

  const readable = loaded.status === 'ready' ? loaded.datasets : [];
  return (
    <article ref={ref} id={`block-${block.id}`} className={`page-block page-block-${block.type}${single ? ' page-block-single' : ''}`}
      style={{ ['--w' as string]: w, ['--h' as string]: h }} data-block={block.id} data-type={block.type}
      {...(title ? { 'aria-labelledby': headingId } : { 'aria-label': name })}>
      {title && <H id={headingId} className="block-title">{title}</H>}
      <div className="block-body">{body}</div>
      <footer className="block-links">
        {readable.map((ds) => (
          <Link key={ds.dataset_id} href={datasetHref(ds.dataset_id)} target={ctx.embedded ? '_blank' : undefined}>
            {t('page.datasetLink', { title: ds.metas.default.title || ds.dataset_id })}
          </Link>
        ))}
        {!single && <BlockEmbed slug={ctx.slug} blockId={block.id} name={name} filters={ctx.filterSearch} />}
      </footer>
    </article>
  );
}
