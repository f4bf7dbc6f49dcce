import * as vscode from 'vscode';

/** The server echoes URIs as it received them; compare them the way VS Code prints them. */
export function sameUri(serverUri: string, uri: vscode.Uri): boolean {
  try {
    return vscode.Uri.parse(serverUri).toString() === uri.toString();
  } catch {
    return false;
  }
}

export function normalizeUri(serverUri: string): string {
  try {
    return vscode.Uri.parse(serverUri).toString();
  } catch {
    return serverUri;
  }
}
