/**
 * A small RFC 6901 JSON Pointer resolver for the mapping editor's live
 * preview. It follows the server's rules (sync/mapping): "" is the whole
 * document; "~1" is "/" and "~0" is "~"; array indexes are decimal without
 * leading zeros; "-" never resolves.
 */

/** Why a string is not a JSON Pointer. */
export class PointerError extends Error {
  constructor(
    readonly pointer: string,
    readonly reason: string,
  ) {
    super(`invalid JSON pointer ${JSON.stringify(pointer)}: ${reason}`);
    this.name = "PointerError";
  }
}

/** Splits a pointer into unescaped reference tokens; throws PointerError. */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new PointerError(pointer, 'must be empty or start with "/"');
  return pointer
    .slice(1)
    .split("/")
    .map((seg) => {
      if (/~(?![01])/.test(seg)) throw new PointerError(pointer, '"~" must be followed by 0 or 1');
      return seg.replace(/~1/g, "/").replace(/~0/g, "~");
    });
}

/** Escapes one reference token ("a/b" -> "a~1b"). */
export function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Builds a pointer from unescaped tokens. */
export function buildPointer(...tokens: string[]): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join("");
}

/** Whether s is a valid pointer. */
export function isValidPointer(s: string): boolean {
  try {
    parsePointer(s);
    return true;
  } catch {
    return false;
  }
}

/** The result of resolving a pointer: the value, or not found. */
export type Resolved = { found: true; value: unknown } | { found: false };

function arrayIndex(token: string): number {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : -1;
}

/** Resolves pointer in doc; an invalid pointer resolves to nothing. */
export function resolvePointer(doc: unknown, pointer: string): Resolved {
  let tokens: string[];
  try {
    tokens = parsePointer(pointer);
  } catch {
    return { found: false };
  }
  let cur: unknown = doc;
  for (const tok of tokens) {
    if (Array.isArray(cur)) {
      const i = arrayIndex(tok);
      if (i < 0 || i >= cur.length) return { found: false };
      cur = cur[i];
    } else if (typeof cur === "object" && cur !== null) {
      if (!Object.prototype.hasOwnProperty.call(cur, tok)) return { found: false };
      cur = (cur as Record<string, unknown>)[tok];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: cur };
}
