// "Election timeline" view: a webview panel per network that the extension renders itself (picture +
// table, see live/timelinePage.ts), reused and refreshed when asked again. The server's answer to its
// timeline command wins; what this client observed fills in whatever the answer lacks.
import * as vscode from 'vscode';
import { ElectionLog, timelineMarkdown } from '../live/electionLog';
import { TimelineContent, parseTimelineAnswer, timelineHtml, timelineSvg } from '../live/timelinePage';
import { networkLabel } from '../live/treeModel';

export const TIMELINE_VIEW_TYPE = 'raftlens.electionTimeline';

const panels = new Map<string, vscode.WebviewPanel>();

/** Shows (or refreshes) a timeline in its own panel; `key` names the panel to reuse. Exported for other timeline sources. */
export function showTimelineView(key: string, content: TimelineContent): vscode.WebviewPanel {
  let panel = panels.get(key);
  if (panel) {
    panel.title = content.title;
    panel.reveal(undefined, true);
  } else {
    panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, content.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      enableFindWidget: true,
      localResourceRoots: [],
    });
    panels.set(key, panel);
    const opened = panel;
    opened.onDidDispose(() => {
      if (panels.get(key) === opened) {
        panels.delete(key);
      }
    });
  }
  panel.webview.html = timelineHtml(content, panel.webview.cspSource);
  return panel;
}

/** The timeline of the network launched from `uri`: the server's answer, completed by the observed events. */
export async function showTimeline(uri: string, log: ElectionLog, serverTimeline: (uri: string) => Promise<unknown>): Promise<void> {
  let answer: Partial<TimelineContent> | undefined;
  try {
    answer = parseTimelineAnswer(await serverTimeline(uri));
  } catch (e) {
    void vscode.window.showWarningMessage(`RaftLens: the server's election timeline failed (${e instanceof Error ? e.message : e}); showing the one this editor observed.`);
  }
  const events = log.history(uri);
  const label = networkLabel(uri);
  showTimelineView(uri, {
    title: answer?.title ?? `Election timeline — ${label}`,
    svg: answer?.svg ?? timelineSvg(events),
    markdown: answer?.markdown ?? timelineMarkdown(events, label),
  });
}
