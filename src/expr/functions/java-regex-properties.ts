/**
 * Java's named character classes for the regex translator, and the translator's error type:
 * POSIX classes (`\p{Alpha}`, ASCII unless UNICODE_CHARACTER_CLASS), `java.lang.Character`
 * classes (`\p{javaLowerCase}`), Unicode categories, scripts and binary properties (`\p{Lu}`,
 * `\p{IsLatin}`, `\p{IsAlphabetic}`), and a few Unicode blocks (`\p{InGreek}`; JS has no block
 * property).
 *
 * Invariant: every returned set is valid inside and outside a class in `v`-flag JS regexes.
 */

export class RegexTranslationError extends Error {
  constructor(
    message: string,
    readonly unsupported = false,
  ) {
    super(message);
    this.name = 'RegexTranslationError';
  }
}

const POSIX_ASCII: Record<string, string> = {
  Lower: '[a-z]',
  Upper: '[A-Z]',
  ASCII: '[\\u{0}-\\u{7f}]',
  Alpha: '[a-zA-Z]',
  Digit: '[0-9]',
  Alnum: '[a-zA-Z0-9]',
  Punct: '[\\u{21}-\\u{2f}\\u{3a}-\\u{40}\\u{5b}-\\u{60}\\u{7b}-\\u{7e}]',
  Graph: '[\\u{21}-\\u{7e}]',
  Print: '[\\u{20}-\\u{7e}]',
  Blank: '[\\u{20}\\t]',
  Cntrl: '[\\u{0}-\\u{1f}\\u{7f}]',
  XDigit: '[0-9a-fA-F]',
  Space: '[\\u{20}\\t\\n\\u{b}\\f\\r]',
};

const POSIX_UNICODE: Record<string, string> = {
  Lower: '\\p{Lowercase}',
  Upper: '\\p{Uppercase}',
  ASCII: '[\\u{0}-\\u{7f}]',
  Alpha: '\\p{Alphabetic}',
  Digit: '\\p{Nd}',
  Alnum: '[\\p{Alphabetic}\\p{Nd}]',
  Punct: '\\p{P}',
  Graph: '[^\\p{White_Space}\\p{Cc}\\p{Cs}\\p{Cn}]',
  Print: '[[^\\p{White_Space}\\p{Cc}\\p{Cs}\\p{Cn}]\\p{Zs}]',
  Blank: '[\\p{Zs}\\t]',
  Cntrl: '\\p{Cc}',
  XDigit: '[\\p{Nd}\\p{Hex_Digit}]',
  Space: '\\p{White_Space}',
};

const JAVA_CLASSES: Record<string, string> = {
  javaLowerCase: '\\p{Lowercase}',
  javaUpperCase: '\\p{Uppercase}',
  javaTitleCase: '\\p{Lt}',
  javaWhitespace: '[\\t-\\r\\u{1c}-\\u{1f}[[\\p{Zs}\\p{Zl}\\p{Zp}]--[\\u{a0}\\u{2007}\\u{202f}]]]',
  javaMirrored: '\\p{Bidi_Mirrored}',
  javaLetter: '\\p{L}',
  javaDigit: '\\p{Nd}',
  javaLetterOrDigit: '[\\p{L}\\p{Nd}]',
  javaAlphabetic: '\\p{Alphabetic}',
  javaIdeographic: '\\p{Ideographic}',
  javaSpaceChar: '[\\p{Zs}\\p{Zl}\\p{Zp}]',
  javaISOControl: '[\\u{0}-\\u{1f}\\u{7f}-\\u{9f}]',
  javaDefined: '\\P{Cn}',
};

const BINARY_PROPERTIES: Record<string, string> = {
  alphabetic: 'Alphabetic',
  ideographic: 'Ideographic',
  letter: 'L',
  lowercase: 'Lowercase',
  uppercase: 'Uppercase',
  titlecase: 'Lt',
  punctuation: 'P',
  control: 'Cc',
  white_space: 'White_Space',
  whitespace: 'White_Space',
  digit: 'Nd',
  hex_digit: 'Hex_Digit',
  hexdigit: 'Hex_Digit',
  join_control: 'Join_Control',
  joincontrol: 'Join_Control',
  noncharacter_code_point: 'Noncharacter_Code_Point',
  noncharactercodepoint: 'Noncharacter_Code_Point',
  assigned: 'Assigned',
  emoji: 'Emoji',
};

/** A few Unicode blocks (JS has no block property). */
const BLOCKS: Record<string, string> = {
  basiclatin: '[\\u{0}-\\u{7f}]',
  latin1supplement: '[\\u{80}-\\u{ff}]',
  latinextendeda: '[\\u{100}-\\u{17f}]',
  latinextendedb: '[\\u{180}-\\u{24f}]',
  greek: '[\\u{370}-\\u{3ff}]',
  greekandcoptic: '[\\u{370}-\\u{3ff}]',
  cyrillic: '[\\u{400}-\\u{4ff}]',
  hebrew: '[\\u{590}-\\u{5ff}]',
  arabic: '[\\u{600}-\\u{6ff}]',
  devanagari: '[\\u{900}-\\u{97f}]',
  thai: '[\\u{e00}-\\u{e7f}]',
  hiragana: '[\\u{3040}-\\u{309f}]',
  katakana: '[\\u{30a0}-\\u{30ff}]',
  cjkunifiedideographs: '[\\u{4e00}-\\u{9fff}]',
  hangulsyllables: '[\\u{ac00}-\\u{d7af}]',
  generalpunctuation: '[\\u{2000}-\\u{206f}]',
  currencysymbols: '[\\u{20a0}-\\u{20cf}]',
  arrows: '[\\u{2190}-\\u{21ff}]',
  mathematicaloperators: '[\\u{2200}-\\u{22ff}]',
  boxdrawing: '[\\u{2500}-\\u{257f}]',
};

/** The JS set syntax for Java's `\p{name}`; throws for unknown names and unsupported blocks. */
export function propertySet(name: string, unicodeClasses: boolean): string {
  const posix = (unicodeClasses ? POSIX_UNICODE : POSIX_ASCII)[name];
  if (posix) return posix;
  const javaClass = JAVA_CLASSES[name];
  if (javaClass) return javaClass;
  const eq = name.indexOf('=');
  if (eq >= 0) {
    const key = name.slice(0, eq).toLowerCase();
    const value = name.slice(eq + 1);
    if (key === 'script' || key === 'sc') return `\\p{Script=${value}}`;
    if (key === 'general_category' || key === 'gc') return `\\p{gc=${value}}`;
    if (key === 'block' || key === 'blk') return block(value);
    throw new RegexTranslationError(`Unknown Unicode property {name=<${key}>, value=<${value}>}`);
  }
  if (name.startsWith('In')) return block(name.slice(2));
  if (name.startsWith('Is')) {
    const rest = name.slice(2);
    const binary = BINARY_PROPERTIES[rest.toLowerCase()];
    if (binary) return `\\p{${binary}}`;
    if (/^[A-Z][a-z&]?$/.test(rest)) return `\\p{gc=${rest}}`;
    return `\\p{Script=${rest}}`;
  }
  if (/^[A-Z][a-z&]?$/.test(name) || /^L&$/.test(name)) return `\\p{gc=${name === 'L&' ? 'LC' : name}}`;
  throw new RegexTranslationError(`Unknown character property name {${name}}`);
}

function block(name: string): string {
  const set = BLOCKS[name.toLowerCase().replace(/[\s_-]/g, '')];
  if (!set) throw new RegexTranslationError(`Unicode block ${name}`, true);
  return set;
}

// -------------------------------------------------------------------------------------------
// character classes
