/** "1 market", "2 markets", "0 weather sensors". */
export const countOf = (n: number, singular: string, plural = `${singular}s`): string => `${n} ${n === 1 ? singular : plural}`;
