export type StatusTone = 'good' | 'bad' | 'neutral';

const SYMBOLS: Record<StatusTone, string> = { good: '✓', bad: '✗', neutral: '•' };

/** Status shown as text plus a symbol, so it never relies on colour alone. */
export function StatusBadge({ tone, label }: { tone: StatusTone; label: string }) {
  return (
    <span className={`status-badge status-badge--${tone}`}>
      <span aria-hidden="true">{SYMBOLS[tone]}</span> <span>{label}</span>
    </span>
  );
}
