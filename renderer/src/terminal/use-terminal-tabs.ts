import { useCallback, useMemo, useRef, useState } from 'react';
import type { TerminalTab } from './TerminalPane.tsx';

/** The terminal pane's tabs and whether it is shown; hiding it keeps its shells running. */
export function useTerminalTabs() {
  const [shown, setShown] = useState(false);
  const [tabs, setTabs] = useState<TerminalTab[]>([]);
  const [activeKey, setActiveKey] = useState<number | null>(null);
  const nextKey = useRef(1);

  const add = useCallback(() => {
    const key = nextKey.current++;
    setTabs((list) => [...list, { key, title: 'shell', ended: null }]);
    setActiveKey(key);
    setShown(true);
  }, []);

  const toggle = useCallback(() => {
    if (shown) setShown(false);
    else if (tabs.length === 0) add();
    else setShown(true);
  }, [shown, tabs.length, add]);

  const close = useCallback(
    (key: number) => {
      const rest = tabs.filter((tab) => tab.key !== key);
      setTabs(rest);
      if (activeKey === key) setActiveKey(rest.at(-1)?.key ?? null);
      if (rest.length === 0) setShown(false);
    },
    [tabs, activeKey],
  );

  const change = useCallback((key: number, patch: Partial<Omit<TerminalTab, 'key'>>) => {
    setTabs((list) => list.map((tab) => (tab.key === key ? { ...tab, ...patch } : tab)));
  }, []);

  return useMemo(
    () => ({ shown, tabs, activeKey, add, toggle, close, change, hide: () => setShown(false), activate: setActiveKey }),
    [shown, tabs, activeKey, add, toggle, close, change],
  );
}
