// "Election timeline from orderer logs": asks for log files of orderers RaftLens did not launch (docker logs,
// kubectl logs, …), has the server read them (raftlens.timelineFromLogs) and shows the answer — picture and
// table — in the timeline view. The server also puts the findings on the matching consenters as diagnostics.
import * as path from 'path';
import * as vscode from 'vscode';
import { parseTimelineAnswer } from '../live/timelinePage';
import { showTimelineView } from './timelineView';

/** The server's command (announced in executeCommandProvider); the client command has its own id. */
export const TIMELINE_FROM_LOGS = 'raftlens.timelineFromLogs';

export async function showTimelineFromLogs(request: (command: string, argument: unknown) => Promise<unknown>): Promise<void> {
  const files = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: 'Read orderer logs',
    filters: { 'Orderer logs': ['log', 'txt', 'json'], 'All files': ['*'] },
  });
  if (!files || files.length === 0) {
    return;
  }
  const active = vscode.window.activeTextEditor?.document;
  const uri = active && active.languageId === 'yaml' ? active.uri.toString() : files[0].toString();
  const answer = await request(TIMELINE_FROM_LOGS, { uri, logs: files.map((f) => f.fsPath) });
  if (answer && typeof answer === 'object' && 'error' in answer) {
    void vscode.window.showErrorMessage(`RaftLens: ${String((answer as { error: unknown }).error)}`);
    return;
  }
  const content = parseTimelineAnswer(answer);
  if (!content) {
    void vscode.window.showInformationMessage('RaftLens: start the language server (open a configtx.yaml) to read orderer logs.');
    return;
  }
  const names = files.map((f) => path.basename(f.fsPath)).join(', ');
  showTimelineView(`logs:${uri}`, { ...content, title: content.title ?? `Election timeline from ${names}` });
}
