// Context keys for the package.json `when` clauses. They are global (setContext), not the editor's
// own `editorLangId`: Eclipse Theia evaluates the command palette's clauses with the palette's input
// focused, where editor-scoped keys are unset, so "Launch network" would never be offered there.
import * as vscode from 'vscode';
import { targetDocument } from '../client/documentFilter';
import { NetworkState } from '../live/networkState';

/** a file RaftLens serves (configtx*.yaml, orderer*.yaml, a modeline) is what "Launch network" would act on */
export const CONFIG_FILE_ACTIVE = 'raftlens.configFileActive';
/** at least one network launched from the editor is running */
export const NETWORK_RUNNING = 'raftlens.networkRunning';

export class ContextKeys implements vscode.Disposable {
  private readonly values = new Map<string, boolean>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly state: NetworkState) {
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      // a modeline typed into the active file makes it ours
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (vscode.window.visibleTextEditors.some((v) => v.document === e.document)) {
          this.refresh();
        }
      }),
    ];
    this.refresh();
  }

  refresh(): void {
    this.set(CONFIG_FILE_ACTIVE, targetDocument() !== undefined);
    this.set(NETWORK_RUNNING, this.state.uris().length > 0);
  }

  private set(key: string, value: boolean): void {
    if (this.values.get(key) !== value) {
      this.values.set(key, value);
      void vscode.commands.executeCommand('setContext', key, value);
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
