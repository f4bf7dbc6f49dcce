// Shows the election timeline as a Markdown preview: the server's own table when it offers a
// timeline command, else the one built from the statuses this client observed.
import * as vscode from 'vscode';
import { ElectionLog, timelineMarkdown } from '../live/electionLog';
import { networkLabel } from '../live/treeModel';


export async function showTimeline(
  context: vscode.ExtensionContext,
  uri: string,
  log: ElectionLog,
  serverTimeline: (uri: string) => Promise<unknown>,
): Promise<void> {
  let markdown: string | undefined;
  try {
    const answer = await serverTimeline(uri);
    if (typeof answer === 'string') {
      markdown = answer;
    } else if (answer && typeof (answer as { markdown?: unknown }).markdown === 'string') {
      markdown = (answer as { markdown: string }).markdown;
    }
  } catch (e) {
    void vscode.window.showWarningMessage(`RaftLens: the server's election timeline failed (${e instanceof Error ? e.message : e}); showing the one this editor observed.`);
  }
  markdown ??= timelineMarkdown(log.history(uri), networkLabel(uri));
  const folder = vscode.Uri.joinPath(context.globalStorageUri, 'timelines');
  await vscode.workspace.fs.createDirectory(folder);
  const file = vscode.Uri.joinPath(folder, `${networkLabel(uri).replace(/[^A-Za-z0-9._-]+/g, '_')}.election-timeline.md`);
  await vscode.workspace.fs.writeFile(file, Buffer.from(markdown, 'utf8'));
  await vscode.commands.executeCommand('markdown.showPreview', file);
}
