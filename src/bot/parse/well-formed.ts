// A lone UTF-16 surrogate (half of an emoji, cut by a client or sent as "\ud83d" in JSON) cannot be
// stored: UTF-8 has no form for it, and SQLite writes U+FFFD "�" instead. It carries nothing the
// user meant, so it is dropped where text enters (message text, click text, spreadsheet cells);
// whole pairs such as 𠮷 and 😀 stay.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function dropLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE, '');
}
