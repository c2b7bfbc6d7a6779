import { memo, useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { AppInfo } from '../../../native/api/index.ts';
import { AlertQueue } from '../alerts/AlertQueue.tsx';
import { RecommendationsPanel } from '../decide/RecommendationsPanel.tsx';
import { AlertsProvider, useAlerts } from '../alerts/alerts-context.tsx';
import { DataProvider } from '../data/data-context.tsx';
import { ExerciseControl } from '../exercise/ExerciseControl.tsx';
import { RaiseAlertDialog } from '../alerts/RaiseAlertDialog.tsx';
import { SevereAlertBanner } from '../alerts/SevereAlertBanner.tsx';
import { BoardPanel } from '../boards/BoardPanel.tsx';
import { columnListId } from '../boards/StatusColumn.tsx';
import { useHost, useLinkGeneration } from '../bridge/host-context.tsx';
import type { DrawnGeometry } from '../map/draw-state.ts';
import { MapView } from '../map/MapView.tsx';
import { SimRunProvider, useSharedSimRun } from '../map/sim-run-context.tsx';
import { WhatIfOverlayProvider } from '../map/whatif-overlay.tsx';
import { areaPoint } from '../tasks/task-draft.ts';
import { ChoiceDialog } from '../ui/ChoiceDialog.tsx';
import { paperCommands } from '../print/paper-commands.ts';
import { PrintView } from '../print/PrintView.tsx';
import { usePaper } from '../print/use-paper.ts';
import { ReplayBanner } from '../replay/ReplayBanner.tsx';
import { SignIn } from '../session/SignIn.tsx';
import { useSession } from '../session/session.tsx';
import { replayReadOnly, useReadOnly } from '../session/read-only.ts';
import { DetailsPanel } from '../tasks/DetailsPanel.tsx';
import { TerminalPane } from '../terminal/TerminalPane.tsx';
import { useTerminalTabs } from '../terminal/use-terminal-tabs.ts';
import { TimelinePanel } from '../timeline/TimelinePanel.tsx';
import { CommandPalette } from './CommandPalette.tsx';
import { ConflictsDialog } from './ConflictsDialog.tsx';
import { QuarantineDialog } from './QuarantineDialog.tsx';
import { useMapFocus } from './map-focus.ts';
import type { Find } from './palette-finds.ts';
import type { Command } from './commands.ts';
import { SelectionProvider, useSelection } from './selection.tsx';
import { ShortcutOverlay } from './ShortcutOverlay.tsx';
import { StatusBar } from './StatusBar.tsx';
import { useUiPrefs } from './ui-prefs.tsx';
import { useGlobalKeys } from './use-global-keys.ts';
import { openNewWindow, useWindowPref } from './window-layout.ts';

export function App() {
  const { bridge } = useHost();
  const { actor } = useSession();
  const { fieldMode } = useUiPrefs();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Asked on each connection: a restarted host may be another version or serve another scenario.
  const generation = useLinkGeneration();
  useEffect(() => {
    if (generation === 0) return;
    bridge.invoke('app.info', {}).then(
      (i) => {
        setInfo(i);
        setError(null);
      },
      (err: Error) => setError(err.message),
    );
  }, [bridge, generation]);

  return (
    <div className={`app ${fieldMode ? 'field-mode' : ''}`}>
      <ReplayBanner />
      {actor ? (
        <DataProvider key={actor.id}>
          <AlertsProvider>
            <SelectionProvider>
              {/* One simulation view for the map and the gauge tab (which mounts only when opened). */}
              <SimRunProvider>
                <WhatIfOverlayProvider>
                  <Workspace info={info} error={error} />
                </WhatIfOverlayProvider>
              </SimRunProvider>
            </SelectionProvider>
          </AlertsProvider>
        </DataProvider>
      ) : (
        <>
          <Header info={info} />
          <SignIn />
          <StatusBar info={info} />
        </>
      )}
    </div>
  );
}

type Region = 'alerts' | 'board' | 'details' | 'timeline' | 'map';
const regions: Region[] = ['alerts', 'board', 'details', 'timeline', 'map'];
const regionLabel: Record<Region, string> = { alerts: 'Alerts', board: 'Boards', details: 'Task', timeline: 'Log', map: 'Map' };

function focusRegion(region: Region) {
  const target =
    region === 'alerts'
      ? (document.getElementById('alert-list') ?? document.getElementById('region-alerts')?.querySelector<HTMLElement>('button'))
      : region === 'board'
        ? document.getElementById(columnListId('new'))
        : region === 'details'
          ? (document.querySelector<HTMLElement>('#region-details h3[tabindex], #region-details input, #region-details button') ?? null)
          : region === 'timeline'
            ? // The log's entries, not its filters: a letter key pressed next must not type into a filter.
              document.querySelector<HTMLElement>('#region-timeline [data-testid="timeline"]')
            : document.querySelector<HTMLElement>('#region-map canvas, #region-map [tabindex]');
  target?.focus();
}

// Each of these reads its own stores: an alert change (which re-renders the workspace for the
// palette and the banner) must not re-render a 5,000-card board or the activity log with it.
const Board = memo(BoardPanel);
const Timeline = memo(TimelinePanel);
const Status = memo(StatusBar);

function Workspace({ info, error }: { info: AppInfo | null; error: string | null }) {
  const { fieldMode, setFieldMode, muted, setMuted } = useUiPrefs();
  const { actor, departments, departmentName, signOut, lock } = useSession();
  const { selected, draft, select, startCreate, endCreate } = useSelection();
  const { alerts, loud, act } = useAlerts();
  const map = useMapFocus();
  // Observers, and everyone in a replay, only read: they are not offered forms they would be refused.
  const readOnlyReason = useReadOnly();
  const readOnly = readOnlyReason !== null;
  const simStart = useRef<(() => Promise<void>) | null>(null);
  const [dialog, setDialog] = useState<'palette' | 'shortcuts' | 'raise' | 'conflicts' | 'quarantine' | null>(null);
  const openConflicts = useCallback(() => setDialog('conflicts'), []);
  // This window's layout: the region field mode shows and the board it shows, per window (and per person).
  const [tab, setTab] = useWindowPref<Region>('region', 'alerts');
  const [drawn, setDrawn] = useState<DrawnGeometry | null>(null);
  const [alertArea, setAlertArea] = useState<Extract<DrawnGeometry, { type: 'Point' | 'Polygon' }> | null>(null);
  // Wrapped, because a stored null means "nothing stored" and "All departments" is a choice to keep.
  const [board, setBoard] = useWindowPref<{ department: string | null }>(`board.${actor?.id ?? ''}`, {
    department: actor && actor.role !== 'observer' && actor.department !== 'eoc' ? actor.department : null,
  });
  const department = board.department;
  const setDepartment = useCallback((id: string | null) => setBoard({ department: id }), [setBoard]);
  const terminals = useTerminalTabs();
  const paper = usePaper(department);
  const desktop = info?.host === 'electron';

  // In field mode one region fills the screen: opening a task or alert, or starting one, shows the task panel.
  // Switched while rendering, not in an effect, so the panel is visible in the very commit that mounts the
  // item: its own effect can then move the keyboard focus into it.
  const [shownFor, setShownFor] = useState({ fieldMode, selected, draft });
  if (shownFor.fieldMode !== fieldMode || shownFor.selected !== selected || shownFor.draft !== draft) {
    setShownFor({ fieldMode, selected, draft });
    if (fieldMode && (selected || draft)) setTab('details');
  }

  const goTo = (region: Region) => {
    if (fieldMode) setTab(region);
    setTimeout(() => focusRegion(region), 0);
  };

  const openFind = (find: Find) => {
    if (find.kind === 'task' || find.kind === 'alert') {
      select({ kind: find.kind, id: find.id });
      return;
    }
    goTo('map');
    if (find.geometry) map.focus({ kind: find.group === 'Unit' ? 'unit' : 'place', id: find.id, label: find.label, geometry: find.geometry });
  };

  useGlobalKeys({
    palette: () => setDialog('palette'),
    shortcuts: () => setDialog('shortcuts'),
    newTask: () => !readOnly && startCreate(),
    raiseAlert: () => !readOnly && setDialog('raise'),
    region: (n) => goTo(regions[n - 1]!),
    toggleField: () => setFieldMode(!fieldMode),
    toggleMute: () => setMuted(!muted),
    escape: () => draft && endCreate(),
    terminal: terminals.toggle,
  });

  // Native decides (sync.review); the palette only offers what an EOC lead may open.
  const reviewsTrust = actor?.department === 'eoc' && actor.role === 'lead';
  const commands = useMemo<Command[]>(
    () => [
      ...(readOnly
        ? []
        : [
            { id: 'new-task', group: 'Task', label: 'New task', keys: 'N', run: () => startCreate() },
            { id: 'sim-run', group: 'Map', label: 'Run simulation', run: () => (goTo('map'), void simStart.current?.()) },
            { id: 'raise', group: 'Alert', label: 'Raise an alert', keys: '!', run: () => setDialog('raise') },
          ]),
      ...(loud[0] ? [{ id: 'ack-loud', group: 'Alert', label: `Acknowledge: ${loud[0].title}`, run: () => void act(loud[0]!, 'acknowledge') }] : []),
      ...regions.map((r, i) => ({ id: `go-${r}`, group: 'Go to', label: regionLabel[r], keys: String(i + 1), run: () => goTo(r) })),
      { id: 'board-all', group: 'Board', label: 'All departments', run: () => (setDepartment(null), goTo('board')) },
      ...departments.map((d) => ({ id: `board-${d.id}`, group: 'Board', label: `${d.short} — ${d.name}`, run: () => (setDepartment(d.id), goTo('board')) })),
      { id: 'field', group: 'View', label: fieldMode ? 'Leave field mode' : 'Field mode (compact, high contrast)', keys: 'Shift F', run: () => setFieldMode(!fieldMode) },
      { id: 'mute', group: 'View', label: muted ? 'Alarm sound on' : 'Alarm sound off', keys: 'Shift M', run: () => setMuted(!muted) },
      { id: 'conflicts', group: 'Go to', label: 'Conflicting edits (resolve)', run: () => setDialog('conflicts') },
      ...(reviewsTrust ? [{ id: 'quarantine', group: 'Go to', label: 'Quarantined events from other devices', run: () => setDialog('quarantine') }] : []),
      ...paperCommands({ department, departmentName, me: actor, alert: selected?.kind === 'alert' ? (alerts.find((a) => a.id === selected.id) ?? null) : null, desktop, paper: { print: paper.print, savePdf: paper.savePdf } }),
      { id: 'terminal-toggle', group: 'Terminal', label: terminals.shown ? 'Hide the terminal' : 'Show the terminal', keys: 'Ctrl `', run: terminals.toggle },
      { id: 'terminal-new', group: 'Terminal', label: 'New terminal', run: terminals.add },
      { id: 'new-window', group: 'Window', label: 'New window (for another monitor)', ...(info?.host === 'electron' ? { keys: 'Ctrl Shift N' } : {}), run: openNewWindow },
      { id: 'shortcuts', group: 'Help', label: 'Keyboard shortcuts', keys: '?', run: () => setDialog('shortcuts') },
      { id: 'lock', group: 'Session', label: 'Lock the screen', run: lock },
      { id: 'sign-out', group: 'Session', label: 'Sign out (switch user)', run: signOut },
    ],
    // goTo only closes over fieldMode, which is listed.
    [readOnly, department, selected, loud, act, departments, fieldMode, muted, select, startCreate, setFieldMode, setMuted, signOut, lock, reviewsTrust, terminals.shown, terminals.toggle, terminals.add, info?.host, alerts, departmentName, actor, desktop, paper.print, paper.savePdf],
  );

  const shown = (region: Region) => !fieldMode || tab === region;

  return (
    <>
      <Header info={info} onPalette={() => setDialog('palette')} onShortcuts={() => setDialog('shortcuts')} />
      <SevereAlertBanner />
      <ExerciseControl />
      <SimStarter start={simStart} />
      {fieldMode && (
        <nav className="field-tabs" aria-label="Regions">
          {regions.map((r, i) => (
            <button key={r} type="button" aria-current={tab === r ? 'page' : undefined} onClick={() => goTo(r)} data-testid={`tab-${r}`}>
              <kbd>{i + 1}</kbd> {regionLabel[r]}
              {r === 'alerts' && loud.length > 0 && <span className="overdue-count">{loud.length}</span>}
            </button>
          ))}
        </nav>
      )}
      {/* Regions in reading order of the grid (row by row), so Tab follows what the eye does. */}
      <main className="workspace">
        <div className="region region-alerts" hidden={!shown('alerts')}>
          <AlertQueue onRaise={readOnly ? undefined : () => setDialog('raise')} />
          <RecommendationsPanel />
        </div>
        <section className="region region-map map-area" id="region-map" aria-label="Map" hidden={!shown('map')}>
          {info?.scenario ? <MapView scenario={info.scenario} onOpen={select} onDrawn={setDrawn} /> : <p className="placeholder">{error ?? 'Loading…'}</p>}
        </section>
        <div className="region region-details" hidden={!shown('details')}>
          <DetailsPanel />
        </div>
        <div className="region region-timeline" hidden={!shown('timeline')}>
          <Timeline />
        </div>
        <div className="region region-board" hidden={!shown('board')}>
          <Board department={department} onDepartment={setDepartment} />
        </div>
      </main>
      {terminals.tabs.length > 0 && (
        <div className="terminal-dock" hidden={!terminals.shown}>
          <TerminalPane
            tabs={terminals.tabs}
            activeKey={terminals.activeKey}
            onActivate={terminals.activate}
            onNew={terminals.add}
            onCloseTab={terminals.close}
            onChange={terminals.change}
            onHide={terminals.hide}
          />
        </div>
      )}
      <Status info={info} onConflicts={openConflicts} />
      {paper.shown && <PrintView key={paper.shown.key} job={paper.shown.job} onReady={paper.onReady} />}
      {dialog === 'conflicts' && <ConflictsDialog onClose={() => setDialog(null)} />}
      {dialog === 'quarantine' && <QuarantineDialog onClose={() => setDialog(null)} />}
      {dialog === 'palette' && <CommandPalette commands={commands} onFind={openFind} onClose={() => setDialog(null)} />}
      {dialog === 'shortcuts' && <ShortcutOverlay onClose={() => setDialog(null)} />}
      {dialog === 'raise' && (
        <RaiseAlertDialog
          area={alertArea}
          onClose={() => (setDialog(null), setAlertArea(null))}
          onRaised={(a) => {
            setDialog(null);
            setAlertArea(null);
            select({ kind: 'alert', id: a.id });
          }}
        />
      )}
      {drawn && !readOnly && (
        <ChoiceDialog
          title={`Use the ${drawn.type === 'Point' ? 'point' : drawn.type === 'Polygon' ? 'area' : 'line'} you drew for…`}
          choices={[
            { id: 'alert', label: 'Raise an alert here', disabled: drawn.type === 'LineString', reason: 'An alert covers a point or an area, not a line' },
            { id: 'task', label: 'A new task here' },
            { id: 'none', label: 'Nothing' },
          ]}
          onClose={() => setDrawn(null)}
          onChoose={(choice) => {
            setDrawn(null);
            if (choice === 'alert' && drawn.type !== 'LineString') {
              setAlertArea(drawn);
              setDialog('raise');
            } else if (choice === 'task') {
              const middle = drawn.type === 'LineString' ? drawn.coordinates[Math.floor(drawn.coordinates.length / 2)] : undefined;
              startCreate({ location: drawn.type === 'LineString' ? (middle ? { lon: middle[0], lat: middle[1] } : null) : areaPoint(drawn) });
            }
          }}
        />
      )}
    </>
  );
}

/** Hands the shared run's start to the palette without re-rendering the workspace on every frame. */
function SimStarter({ start }: { start: MutableRefObject<(() => Promise<void>) | null> }) {
  const sim = useSharedSimRun();
  start.current = sim.start;
  return null;
}

function Header({ info, onPalette, onShortcuts }: { info: AppInfo | null; onPalette?(): void; onShortcuts?(): void }) {
  const { actor, departmentName, signOut, lock } = useSession();
  const readOnlyReason = useReadOnly();
  const { fieldMode, setFieldMode, muted, setMuted } = useUiPrefs();
  return (
    <header className="app-header">
      <h1>Polder</h1>
      <span className="scenario-title">{info?.scenario?.title ?? 'No scenario loaded'}</span>
      <div className="header-tools">
        {onPalette && (
          <button type="button" className="button on-dark" onClick={onPalette} aria-keyshortcuts="Control+K">
            Commands <kbd>Ctrl K</kbd>
          </button>
        )}
        {onShortcuts && (
          <button type="button" className="button on-dark" onClick={onShortcuts} aria-label="Keyboard shortcuts" aria-keyshortcuts="?">
            ?
          </button>
        )}
        <button type="button" className="button on-dark" aria-pressed={fieldMode} onClick={() => setFieldMode(!fieldMode)} data-testid="field-mode">
          Field mode
        </button>
        <button type="button" className="button on-dark" aria-pressed={!muted} onClick={() => setMuted(!muted)} title="Alarm sound for Severe and Extreme alerts">
          Sound {muted ? 'off' : 'on'}
        </button>
        {actor && (
          <span className="signed-in" data-testid="signed-in">
            {actor.name} · {departmentName(actor.department)} · {actor.role === 'observer' ? 'observer (read only)' : actor.role}
            {readOnlyReason === replayReadOnly && <span data-testid="read-only-reason"> · {replayReadOnly}</span>}
            <button type="button" className="button on-dark" onClick={lock} data-testid="lock" title="Lock this screen: you sign in again with your PIN or password">
              Lock
            </button>
            <button type="button" className="button on-dark" onClick={signOut} data-testid="sign-out" title="Sign out so someone else can sign in">
              Switch user
            </button>
          </span>
        )}
      </div>
    </header>
  );
}
