// Status bar item: leader, term and nodes up/total of the network behind the active file; a click
// opens the Raft Network view.
import * as vscode from 'vscode';
import { NetworkState } from '../live/networkState';
import { statusBarModel } from '../live/statusBarModel';

export class NetworkStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('raftlens.network', vscode.StatusBarAlignment.Left, 50);
  private lastUpdated: string | undefined;

  constructor(private readonly state: NetworkState) {
    this.item.name = 'RaftLens network';
    this.item.command = 'raftlensNetwork.focus';
  }

  refresh(updatedUri?: string): void {
    if (updatedUri) {
      this.lastUpdated = updatedUri;
    }
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const model = statusBarModel(this.state, active, this.lastUpdated);
    if (!model) {
      this.item.hide();
      return;
    }
    this.item.text = model.text;
    this.item.tooltip = model.tooltip;
    this.item.backgroundColor = model.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
