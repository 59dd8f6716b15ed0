/**
 * One server page of a list, in the shape every list route answers (`{ total, page, pageSize,
 * items }`): the total under the filter, then the page's rows at their offset, each presented.
 */
export async function readPage<Row, Item>(
  query: { page: number; pageSize: number },
  read: { total: () => Promise<number>; rows: (limit: number, offset: number) => Promise<Row[]> },
  present: (row: Row) => Item,
) {
  const total = await read.total();
  const rows = await read.rows(query.pageSize, (query.page - 1) * query.pageSize);
  return { total, page: query.page, pageSize: query.pageSize, items: rows.map(present) };
}
