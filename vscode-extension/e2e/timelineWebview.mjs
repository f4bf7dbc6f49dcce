// Finds the extension's election timeline webview among a page's frames (VS Code and Theia both nest
// a webview's page in iframes) and reads what it shows: its heading, whether the picture loaded, the
// table's row count and the text. Undefined while no frame shows it.
export async function timelineWebview(page) {
  for (const frame of page.frames()) {
    const found = await frame
      .evaluate(() => {
        const title = document.querySelector('h1.title');
        if (!title) return undefined;
        const img = document.querySelector('img.picture');
        const table = document.querySelector('table');
        return {
          title: title.textContent,
          picture: !!img && img.complete && img.naturalWidth > 0,
          rows: table ? table.querySelectorAll('tbody tr').length : 0,
          text: document.body.innerText,
        };
      })
      .catch(() => undefined);
    if (found) return found;
  }
  return undefined;
}
