import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { AssetTable } from '../features/assets/components/AssetTable';
import { filterAssetRows, pageOf, sortAssetRows, type AssetRow, type AssetSort, type AssetSortKey } from '../features/assets/assetTable';
import { useAssetRows } from '../features/assets/useAssetRows';
import { useIsAdmin } from '../shared/auth/useAuth';
import { useFlashMessage } from '../shared/hooks/useFlashMessage';
import { Field } from '../shared/ui/Field';
import { PageHeading } from '../shared/ui/PageHeading';
import { EmptyState, ErrorState, LoadingState, SuccessMessage } from '../shared/ui/States';

const PAGE_SIZES = [10, 25, 50, 100];

function AssetList({ rows }: { rows: AssetRow[] }) {
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const [sort, setSort] = useState<AssetSort>({ key: 'name', direction: 'ascending' });
  const [pageSize, setPageSize] = useState(10);
  const [page, setPage] = useState(1);

  const matching = useMemo(() => sortAssetRows(filterAssetRows(rows, query), sort), [rows, query, sort]);
  const shown = pageOf(matching, page, pageSize);

  const setQuery = (text: string) => {
    setParams(text === '' ? {} : { q: text }, { replace: true });
    setPage(1);
  };
  const toggleSort = (key: AssetSortKey) =>
    setSort((current) => ({ key, direction: current.key === key && current.direction === 'ascending' ? 'descending' : 'ascending' }));

  return (
    <>
      <div className="table-tools">
        <Field label="Search assets" hint="By name, type or owner.">
          {(control) => <input {...control} type="search" value={query} onChange={(event) => setQuery(event.target.value)} />}
        </Field>
        <Field label="Assets per page">
          {(control) => (
            <select
              {...control}
              value={pageSize}
              onChange={(event) => {
                setPageSize(Number(event.target.value));
                setPage(1);
              }}
            >
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p className="muted" role="status" aria-live="polite">
        {shown.total === 0
          ? `No assets match “${query}”.`
          : `Showing ${shown.first} to ${shown.last} of ${shown.total} ${shown.total === 1 ? 'asset' : 'assets'}${query === '' ? '' : ` matching “${query}”`}.`}
      </p>
      {shown.total > 0 && <AssetTable rows={shown.items} sort={sort} onSort={toggleSort} />}
      {shown.pageCount > 1 && (
        <nav className="pager" aria-label="Pages of assets">
          <button type="button" className="button button--secondary" onClick={() => setPage(shown.page - 1)} disabled={shown.page === 1}>
            Previous page
          </button>
          <span>
            Page {shown.page} of {shown.pageCount}
          </span>
          <button type="button" className="button button--secondary" onClick={() => setPage(shown.page + 1)} disabled={shown.page === shown.pageCount}>
            Next page
          </button>
        </nav>
      )}
    </>
  );
}

export function AssetsPage() {
  const isAdmin = useIsAdmin();
  const message = useFlashMessage();
  const { state, reload } = useAssetRows();

  return (
    <>
      <PageHeading title="Assets">{isAdmin ? 'All assets on the platform.' : 'Your assets.'}</PageHeading>
      {message !== null && <SuccessMessage>{message}</SuccessMessage>}
      {isAdmin && (
        <p>
          <Link to="/assets/new" className="button">
            Create asset
          </Link>
        </p>
      )}
      {state.status === 'loading' && <LoadingState>Loading assets…</LoadingState>}
      {state.status === 'error' && <ErrorState title="The assets could not be loaded." error={state.error} onRetry={reload} />}
      {state.status === 'success' &&
        (state.data.length === 0 ? (
          <EmptyState title="There are no assets yet.">
            <p>{isAdmin ? 'Create the first one with “Create asset”.' : 'Assets are added by an administrator; ask them to add yours.'}</p>
          </EmptyState>
        ) : (
          <AssetList rows={state.data} />
        ))}
    </>
  );
}
