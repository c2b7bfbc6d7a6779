import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { scrollToReveal, windowRange } from './window-range.ts';

interface VirtualListProps {
  id: string;
  label: string;
  count: number;
  rowHeight: number;
  /** Which row the keyboard is on; -1 for none. */
  activeIndex: number;
  onActiveChange(index: number): void;
  renderRow(index: number, active: boolean): ReactNode;
  rowId(index: number): string;
  onKeyDown?(event: KeyboardEvent<HTMLDivElement>): void;
  className?: string;
  overscan?: number;
}

/**
 * A listbox that mounts only the rows in view, so thousands of cards stay smooth. Focus stays on
 * the list (aria-activedescendant), so rows can come and go while the keyboard walks them.
 */
export function VirtualList({ id, label, count, rowHeight, activeIndex, onActiveChange, renderRow, rowId, onKeyDown, className, overscan = 4 }: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  useLayoutEffect(() => {
    const el = ref.current!;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = ref.current!;
    if (activeIndex < 0 || activeIndex >= count) return;
    const next = scrollToReveal(activeIndex, el.scrollTop, el.clientHeight, rowHeight);
    if (next !== null) el.scrollTop = next;
  }, [activeIndex, count, rowHeight]);

  // Rows that arrive while the list already has focus (a board refresh) get an active row too,
  // just as focusing a non-empty list does.
  useEffect(() => {
    if (activeIndex < 0 && count > 0 && document.activeElement === ref.current) onActiveChange(0);
  }, [activeIndex, count, onActiveChange]);

  const { start, end } = windowRange(scrollTop, height, rowHeight, count, overscan);
  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    rows.push(
      <div key={rowId(i)} className="vrow" style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(i, i === activeIndex)}
      </div>,
    );
  }

  const keyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (!event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey && count > 0) {
      if (event.key in moves) {
        event.preventDefault();
        onActiveChange(Math.max(0, Math.min(count - 1, (activeIndex < 0 ? -1 : activeIndex) + moves[event.key]!)));
        return;
      }
      if (event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
        onActiveChange(event.key === 'Home' ? 0 : count - 1);
        return;
      }
    }
    onKeyDown?.(event);
  };

  return (
    <div
      ref={ref}
      id={id}
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={activeIndex >= 0 && activeIndex < count ? rowId(activeIndex) : undefined}
      className={`vlist ${className ?? ''}`}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={keyDown}
      onFocus={() => activeIndex < 0 && count > 0 && onActiveChange(0)}
    >
      <div className="vlist-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
