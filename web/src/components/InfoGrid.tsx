// Label–value pairs in two aligned columns (one on narrow screens), the same in every section.
import type { ReactNode } from 'react';

export interface InfoItem {
  key: string;
  label: ReactNode;
  value: ReactNode;
  /** Takes the whole row (long text). */
  full?: boolean;
}

export function InfoGrid({ items }: { items: InfoItem[] }) {
  return (
    <dl className="info-grid">
      {items.map((i) => (
        <div key={i.key} className={i.full ? 'info-item info-item-full' : 'info-item'}>
          <dt className="info-label">{i.label}</dt>
          <dd className="info-value">{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}
