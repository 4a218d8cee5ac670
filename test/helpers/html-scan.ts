// Just enough HTML reading for tests of generated reports (our own, well-formed output): start
// tags with their attributes, and elements with their text. Used on the renderer's string and on
// the DOM that chromium dumps.

export interface Tag {
  name: string;
  attrs: Record<string, string>;
  /** Offset of the tag in the document. */
  index: number;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&nbsp;": "\u00a0" };

export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? e);
}

function parseAttrs(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:.-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attrs[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

/** Every start tag named `name` (any tag when omitted). */
export function startTags(doc: string, name?: string): Tag[] {
  const re = name ? new RegExp(`<(${name})(\\s[^>]*)?>`, "gi") : /<([a-zA-Z][\w:-]*)(\s[^>]*)?>/g;
  return [...doc.matchAll(re)].map((m) => ({ name: m[1]!.toLowerCase(), attrs: parseAttrs(m[2] ?? ""), index: m.index }));
}

/** Elements `name` without nested elements of the same name: attributes and inner markup. */
export function elements(doc: string, name: string): { attrs: Record<string, string>; inner: string }[] {
  const re = new RegExp(`<${name}(\\s[^>]*)?>([\\s\\S]*?)</${name}>`, "gi");
  return [...doc.matchAll(re)].map((m) => ({ attrs: parseAttrs(m[1] ?? ""), inner: m[2] ?? "" }));
}

/** The text of some markup, tags removed and entities decoded. */
export function textOf(markup: string): string {
  return decodeEntities(markup.replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();
}

/** The municipality paths of the map: code, class, fill and the text of their <title>. */
export function municipalityPaths(doc: string): { code: string; cls: string; fill: string; d: string; title: string }[] {
  return [...doc.matchAll(/<path(\s[^>]*class="municipality"[^>]*)>([\s\S]*?)<\/path>/g)].map((m) => {
    const attrs = parseAttrs(m[1]!);
    const title = /<title>([\s\S]*?)<\/title>/.exec(m[2] ?? "");
    return { code: attrs["data-code"] ?? "", cls: attrs["data-class"] ?? "", fill: attrs["fill"] ?? "", d: attrs["d"] ?? "", title: title ? textOf(title[1]!) : "" };
  });
}

/** The legend's classes with the fill of their swatch and the count printed beside it. */
export function legendEntries(doc: string): { cls: string; fill: string; label: string; count: number }[] {
  const legend = /<table class="legend">([\s\S]*?)<\/table>/.exec(doc);
  if (!legend) return [];
  return elements(legend[1]!, "tr").filter((r) => r.attrs["data-class"]).map((r) => {
    const rect = startTags(r.inner, "rect")[0];
    const cells = elements(r.inner, "td");
    const th = elements(r.inner, "th")[0];
    return {
      cls: r.attrs["data-class"]!,
      fill: rect?.attrs["fill"] ?? "",
      label: textOf(th?.inner ?? ""),
      count: Number(textOf(cells[cells.length - 1]?.inner ?? "").replace(/\D/g, "")),
    };
  });
}
