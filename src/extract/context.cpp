// Context of a figure: sentence boundaries, the counted noun, modality,
// attribution and period. All of it is shallow and lexicon-driven: tally has
// no parser, so each rule looks only a few tokens around the figure and stops
// at function words and punctuation, which is where English phrases end.
#include "extract/context.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>

#include <fmt/compile.h>
#include <fmt/format.h>

namespace tally::detail {
namespace {

bool is_word(const TokenizedText& tt, std::size_t i) {
  return i < tt.size() && tt.tokens[i].kind == TokenKind::word;
}
// Forced inline, with memcmp rather than string_view's compare (which GCC
// leaves as a call here): the suffix is nearly always a literal, which makes
// this a compare of one or two bytes.
[[gnu::always_inline]] inline bool ends_with(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && std::memcmp(s.data() + s.size() - suf.size(), suf.data(), suf.size()) == 0;
}

// Tokens after which a sentence with no end is cut at the next clause break.
constexpr std::size_t k_long_sentence = 120;

// Abbreviations after which a period does not end a sentence. Sorted, and
// searched only for words short enough: this is asked at every sentence end.
bool is_abbreviation(std::string_view w) {
  static constexpr std::array<std::string_view, 44> k_abbrev = {
      "al",  "approx", "apr", "aug", "capt", "co",  "col", "corp", "dec", "dept", "dr",
      "est", "etc",    "feb", "fig", "gen",  "gov", "inc", "jan",  "jr",  "jul",  "jun",
      "lt",  "ltd",    "mar", "mr",  "mrs",  "ms",  "no",  "nos",  "nov", "oct",  "p",
      "pp",  "prof",   "rep", "sen", "sep",  "sept", "sgt", "sr",  "st",  "vol",  "vs"};
  static_assert(std::is_sorted(k_abbrev.begin(), k_abbrev.end()));
  constexpr std::size_t k_longest = 6;
  return w.size() <= k_longest && std::binary_search(k_abbrev.begin(), k_abbrev.end(), w);
}

}  // namespace

std::vector<Sentence> split_sentences(const TokenizedText& tt, const Lexicon&) {
  std::vector<Sentence> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < tt.size(); ++i) {
    const Token& t = tt.tokens[i];
    if (i > start && t.break_before) {
      out.push_back({start, i});
      start = i;
    }
    // Only a symbol ends a sentence or a clause: a word or a number short
    // of the hard limit needs no string compared.
    if (t.kind != TokenKind::symbol && i - start < 4 * k_long_sentence) continue;
    std::string_view s = tt.str(i);
    // Text with no sentence ends (a table dump, one huge line) is cut into
    // clauses, so the context rules, which look across a sentence, stay linear.
    if ((i - start >= k_long_sentence && (s == ";" || s == ",")) || i - start >= 4 * k_long_sentence) {
      out.push_back({start, i + 1});
      start = i + 1;
      continue;
    }
    bool terminal = s == "." || s == "!" || s == "?" || s == "\u2026";
    if (!terminal) continue;
    std::size_t n = i + 1;
    while (n < tt.size() && !tt.tokens[n].space_before &&
           (tt.str(n) == "\"" || tt.str(n) == "'" || tt.str(n) == ")" || tt.str(n) == "\u201d" ||
            tt.str(n) == "." || tt.str(n) == "!" || tt.str(n) == "?"))
      ++n;
    if (n < tt.size() && !tt.tokens[n].space_before) continue;  // "3.5", "U.S.", "e.g."
    if (s == "." && i > 0 && is_word(tt, i - 1)) {
      std::string_view w = tt.low(i - 1);
      // After a figure, "ms" and "p" are milliseconds and pence, which end sentences.
      const bool unit_after_figure = (w == "ms" || w == "p") && i >= 2 && tt.tokens[i - 2].kind == TokenKind::number;
      if (is_abbreviation(w) && !unit_after_figure) continue;
      if (w.size() == 1 && tt.tokens[i - 1].upper_initial) continue;  // an initial: "J. Smith"
    }
    if (n < tt.size() && is_word(tt, n) && !tt.tokens[n].upper_initial &&
        !tt.tokens[n].break_before)
      continue;  // lowercase after a period: not a new sentence
    out.push_back({start, n});
    start = n;
    i = n - 1;
  }
  if (start < tt.size()) out.push_back({start, tt.size()});
  return out;
}

namespace {

// The singular of a noun the lexicon does not know ("casualties" -> "casualty").
std::string singular(std::string_view w) {
  if (w.size() > 4 && ends_with(w, "ies")) return std::string(w.substr(0, w.size() - 3)) + "y";
  if (w.size() > 4 && (ends_with(w, "sses") || ends_with(w, "shes") || ends_with(w, "ches") ||
                       ends_with(w, "xes") || ends_with(w, "zes")))
    return std::string(w.substr(0, w.size() - 2));
  if (w.size() > 3 && ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us") &&
      !ends_with(w, "is") && !ends_with(w, "'s"))
    return std::string(w.substr(0, w.size() - 1));
  return std::string(w);
}

// The lemma of the noun at token h, and the lexicon's entry for the word or,
// when it has none, for its lemma. Through the token's cached vocabulary id:
// hashing the word again is what this saves.
const NounWord* head_noun(const TokenizedText& tt, std::size_t h, const Lexicon& lex, std::string& lemma) {
  if (const NounWord* nw = lex.noun(tt, h)) {
    lemma = nw->lemma;
    return nw;
  }
  std::string_view w = tt.low(h);
  lemma = singular(w);
  return lemma != w ? lex.noun(lemma) : nullptr;
}

bool plural_looking(const TokenizedText& tt, std::size_t i, const Lexicon& lex) {
  std::string_view w = tt.low(i);
  if (const NounWord* n = lex.noun(tt, i)) return n->lemma != w || w == "personnel" || w == "staff" ||
                                               w == "police" || w == "people";
  return w.size() > 3 && ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us") &&
         !ends_with(w, "is");
}

// An adjective by its ending: a comparative ("lower", "faster") or "-ive",
// "-able", "-ible", "-ful", "-ous" ("effective", "reliable", "successful").
bool adjective_looking(std::string_view w) {
  return w.size() > 4 && (ends_with(w, "er") || ends_with(w, "ive") || ends_with(w, "able") ||
                          ends_with(w, "ible") || ends_with(w, "ful") || ends_with(w, "ous"));
}

// Words that link a noun phrase to a figure after it: "the toll rose to 45",
// "revenue was $4.5bn", "the number of personnel is approximately 3,000".
// Besides the copulas (context.tsv's `link`), the verbs of change.
bool is_link(const TokenizedText& tt, std::size_t i, const Lexicon& lex) {
  return lex.links.contains(tt, i) || lex.change_verbs.contains(tt, i);
}

// "a 30-second timeout applies to all calls": after a known singular noun, a
// word in -s that the lexicon does not know and that ends its clause or goes
// on with "to" or "at" (not with a verb: "300 wounded civilians were") is the
// verb, not the plural head. "Two data centers in Ohio" goes on: "data" is no
// known noun.
bool verb_after_noun(const TokenizedText& tt, std::size_t j, const Sentence& s, const Lexicon& lex) {
  const NounWord* before = lex.noun(tt, j - 1);
  if (before == nullptr || before->lemma != tt.low(j - 1) || lex.participles.contains(tt, j - 1) ||
      lex.noun(tt, j) || !plural_looking(tt, j, lex))
    return false;
  if (j + 1 >= s.end || !is_word(tt, j + 1) || is(tt, j + 1, "to") || is(tt, j + 1, "at")) return true;
  return lex.stops.contains(tt, j + 1) && !is_link(tt, j + 1, lex);  // "were", "has" follow a plural
}

// Takes the noun phrase that ends at token `end` (exclusive), going left.
// Returns its first token, or `end` if there is none.
std::size_t phrase_start_left(const TokenizedText& tt, std::size_t end, std::size_t floor,
                              const Lexicon& lex) {
  std::size_t b = end;
  while (b > floor && b + 6 > end) {
    std::size_t p = b - 1;
    if (!is_word(tt, p)) {
      // "North-Korean", "Ukraine's": keep hyphens and possessives inside
      if (tt.str(p) == "-" && p > floor && is_word(tt, p - 1) && !tt.tokens[p].space_before) {
        b = p;
        continue;
      }
      break;
    }
    std::string_view w = tt.low(p);
    if (w == "'s" || w == "’s") {
      b = p;
      continue;
    }
    if (lex.stops.contains(tt, p) || tt.tokens[b < tt.size() ? b : p].break_before) break;
    if (lex.number_word(tt, p) || lex.qualifiers_before.match_ending(tt, p + 1, p)) break;
    // A verb of saying or of intent ends the phrase: "Globex expects revenue of".
    if (lex.attribution_verbs.contains(tt, p) || lex.modality.match_at(tt, p)) break;
    b = p;
  }
  return b;
}

// "the (total) number|count|tally|toll of X ... is/at N": the counted thing is
// the head of X, even when a place or a verb stands between it and the figure.
// Looks back from `p` (where the words linking to the figure start) for
// "number of" in the sentence, and takes the noun phrase after "of".
void counted_after_of(const TokenizedText& tt, std::size_t p, const Sentence& s, const Lexicon& lex,
                      std::size_t& phrase_begin, std::size_t& head) {
  std::size_t floor = p > s.begin + 12 ? p - 12 : s.begin;
  for (std::size_t o = p; o > floor + 1; --o) {
    std::size_t of = o - 1;
    if (tt.tokens[of].kind == TokenKind::number) return;  // another figure in between
    if (!is(tt, of, "of")) continue;
    std::string_view w = tt.low(of - 1);
    if (w != "number" && w != "count" && w != "tally" && w != "toll" && w != "total") continue;
    std::size_t b = of + 1;
    if (is(tt, b, "the")) ++b;
    std::size_t h = s.end;
    for (std::size_t j = b; j < p && j < b + 6 && is_word(tt, j); ++j) {
      if (lex.stops.contains(tt, j) || lex.number_word(tt, j)) break;
      if (auto np = lex.noun_phrases.match_at(tt, j); np && j + np->length <= p) {
        h = j + np->length - 1;
        break;
      }
      h = j;
      if (plural_looking(tt, j, lex)) break;
    }
    if (h == s.end) return;
    phrase_begin = b;
    head = h;
    return;
  }
}

// Words that contain what is counted rather than being it: after "the number
// of", the thing counted is the phrase after "of".
bool is_container(std::string_view w) {
  return w == "number" || w == "total" || w == "count" || w == "tally" || w == "estimate" ||
         w == "figure";
}

// The start of the determiners before token b ("the", "its").
std::size_t skip_determiners(const TokenizedText& tt, const Sentence& s, std::size_t b) {
  while (b > s.begin && (is(tt, b - 1, "the") || is(tt, b - 1, "a") || is(tt, b - 1, "an") ||
                         is(tt, b - 1, "its") || is(tt, b - 1, "their") || is(tt, b - 1, "this")))
    --b;
  return b;
}

// Whether a noun phrase starting at b begins its clause: the sentence start,
// punctuation, a conjunction or a verb of saying before it (with determiners).
bool clause_initial(const TokenizedText& tt, const Sentence& s, const Lexicon& lex, std::size_t b) {
  std::size_t k = skip_determiners(tt, s, b);
  if (k == s.begin || !is_word(tt, k - 1)) return true;
  std::string_view w = tt.low(k - 1);
  return w == "and" || w == "but" || w == "while" || w == "that" || w == "whereas" ||
         lex.attribution_verbs.contains(tt, k - 1);
}

// The old value or the amount of a change before the new one, ending at `p`
// (its unit and currency symbol included): where "from" is in "rose from 45
// to", where the amount starts in "rose 11% to"; else `p`.
std::size_t old_value_before(const TokenizedText& tt, std::size_t p, const Sentence& s, const Lexicon& lex) {
  std::size_t q = p;
  if (auto u = lex.units.match_ending(tt, q, s.begin); u && q - u->length > s.begin) q -= u->length;
  else if (q > s.begin && tt.str(q - 1) == "%") --q;
  if (q <= s.begin || tt.tokens[q - 1].kind != TokenKind::number) return p;
  --q;
  if (q > s.begin && !is_word(tt, q - 1) && tt.str(q - 1) != "from" && !tt.tokens[q].space_before) --q;  // "$10"
  // "net income rose 11% to $22.96bn": the amount of the change, right after its verb.
  if (q > s.begin && lex.change_verbs.contains(tt, q - 1)) return q;
  if (q < s.begin + 2 || !is(tt, q - 1, "from")) return p;
  const bool change = lex.change_verbs.contains(tt, q - 2) || (q >= s.begin + 3 && lex.change_verbs.contains(tt, q - 3));
  return change ? q - 1 : p;
}

// "larger than", "more than", "fewer than", "over", "under", "below", "above":
// a qualifier that compares, starting at `k`.
bool comparative(const TokenizedText& tt, std::size_t k) {
  const std::string_view w = tt.low(k);
  return is(tt, k + 1, "than") || w == "over" || w == "under" || w == "below" || w == "above" || w == "exceeding";
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

// Whether the phrase [b, e) is the unit or the counted noun of another
// figure: it follows a number ("800 ms", "35,000 feet", unless the number is
// a year: "the 2024 budget"), or it ends in a unit that does ("4.5 per cent").
bool after_figure(const TokenizedText& tt, std::size_t b, std::size_t e, const Sentence& s, const Lexicon& lex) {
  auto figure_at = [&](std::size_t i) {
    return i >= s.begin && i < s.end && tt.tokens[i].kind == TokenKind::number && !year_like(tt.tokens[i]);
  };
  if (b >= s.end || b >= e) return false;
  if (b > s.begin && figure_at(b - 1)) return true;
  if (auto u = lex.units.match_ending(tt, e, s.begin); u && e - u->length > s.begin) return figure_at(e - u->length - 1);
  return false;
}

// A noun phrase that ends at `e` may carry prepositional phrases between it
// and the figure: "the death toll from Saturday's earthquake in Marenza rose
// to 61", "net income for the quarter was $610m". The head is the first noun
// phrase of the chain, so this walks left over "<prep> (the) <phrase>" links
// and returns the start of the leftmost phrase and the end of its head. The
// chain is taken only when it reaches the start of a clause: in "took a
// quarter of an hour at the speed limit of 80 km/h" the limit is the head.
void leftmost_phrase(const TokenizedText& tt, const Sentence& s, const Lexicon& lex, std::size_t& b,
                     std::size_t& e) {
  std::size_t cb = b, ce = e;
  for (int hops = 0; hops < 3; ++hops) {
    std::size_t k = skip_determiners(tt, s, cb);
    if (k <= s.begin + 1) break;
    std::string_view prep = tt.low(k - 1);
    if (prep != "of" && prep != "in" && prep != "from" && prep != "for" && prep != "at" &&
        prep != "on" && prep != "near" && prep != "across" && prep != "during" && prep != "among" &&
        prep != "inside" && prep != "over" && prep != "since")
      break;
    if (prep == "of" && k - 1 > s.begin && is_container(tt.low(k - 2))) break;  // "number of X"
    std::size_t pe = k - 1;
    std::size_t pb = phrase_start_left(tt, pe, s.begin, lex);
    if (pb >= pe) break;
    if (lex.change_verbs.contains(tt, pe - 1) || lex.attribution_verbs.contains(tt, pe - 1) ||
        is_link(tt, pe - 1, lex) || lex.number_word(tt, pe - 1))
      break;  // a verb or a count before the preposition: the chain ends there
    if (after_figure(tt, pb, pe, s, lex)) break;  // "35,000 feet at a speed of": a figure's unit
    cb = pb;
    ce = pe;
    if (clause_initial(tt, s, lex, cb)) {
      b = cb;
      e = ce;
    }
  }
}

// A period phrase that ends at `e` ("for the quarter", "in the third
// quarter", "in fiscal 2024", "in March"): the counted noun stands before
// it, so the phrase is passed over. Returns where it starts, or `e`.
std::size_t skip_period_phrase(const TokenizedText& tt, const Sentence& s, const Lexicon& lex, std::size_t e) {
  std::size_t k = e;
  while (k > s.begin && k + 6 > e) {
    std::size_t p = k - 1;
    const Token& t = tt.tokens[p];
    std::string_view w = tt.low(p);
    bool year = t.kind == TokenKind::number && t.int_digits == 4 && !t.grouped && t.decimals == 0 &&
                t.value >= 1900 && t.value <= 2100;
    bool part = w == "quarter" || w == "half" || w == "year" || w == "month" || w == "week" ||
                w == "period" || w == "first" || w == "second" || w == "third" || w == "fourth" ||
                w == "last" || w == "fiscal" || w == "full" || w == "the" || w == "same" ||
                w == "this" || w == "-" || lex.month(tt, p).has_value() ||
                (w == "of" && p + 1 < e && tt.tokens[p + 1].kind == TokenKind::number);
    if (!year && !part) break;
    k = p;
  }
  if (k == e || k <= s.begin) return e;
  std::string_view prep = tt.low(k - 1);
  if (prep == "in" || prep == "for" || prep == "during" || prep == "over" || prep == "of") return k - 1;
  return e;
}

bool month_or_weekday(const TokenizedText& tt, std::size_t i, const Lexicon& lex) {
  return lex.date_words.contains(tt, i);
}

// Common nouns that may follow a proper name inside a place: "in the Kursk
// region", "in Russian units" (where troops are).
bool place_noun(std::string_view w) {
  static const std::array<std::string_view, 32> k_place = {
      "region", "regions", "province", "provinces", "oblast", "district", "districts",
      "county", "state", "city", "town", "village", "area", "areas", "border", "capital",
      "territory", "territories", "peninsula", "island", "islands", "coast", "unit", "units",
      "base", "bases", "camp", "camps", "port", "valley", "front", "lines"};
  return std::find(k_place.begin(), k_place.end(), w) != k_place.end();
}

// A place after token q: a preposition of place and a proper name, with the
// common nouns that belong to it ("in Russian units", "in the Kursk region").
// It stops at the first other word, so the event noun or the verb after a name
// stays out: "in the Marenza earthquake reached" -> "in marenza".
std::string place_at(const TokenizedText& tt, std::size_t q, const Sentence& s, const Lexicon& lex) {
  std::string_view w = tt.low(q);
  if (w != "in" && w != "at" && w != "near" && w != "inside" && w != "across" && w != "from")
    return {};
  std::size_t b = q + 1;
  if (is(tt, b, "the")) ++b;
  std::size_t e = b;
  while (e < s.end && e < b + 4) {
    if (is_word(tt, e) && tt.tokens[e].upper_initial && !month_or_weekday(tt, e, lex)) {
      ++e;
    } else if (e > b && tt.str(e) == "-" && !tt.tokens[e].space_before && is_word(tt, e + 1) &&
               tt.tokens[e + 1].upper_initial && !tt.tokens[e + 1].space_before) {
      e += 2;  // "Nagorno-Karabakh"
    } else {
      break;
    }
  }
  if (e == b) return {};
  // One common noun after the name if it names a place ("Kursk region"); an
  // event ("the Marenza earthquake") or a verb is not part of it.
  if (e < s.end && is_word(tt, e) && !tt.tokens[e].upper_initial && place_noun(tt.low(e))) ++e;
  std::string place(w);
  for (std::size_t m = b; m < e; ++m) {
    place += ' ';
    place += tt.low(m);
  }
  return place;
}

// The first place within a few words from `q`, up to the next punctuation.
std::string first_place(const TokenizedText& tt, std::size_t q, const Sentence& s, const Lexicon& lex) {
  for (std::size_t lim = std::min(s.end, q + 8); q < lim && is_word(tt, q); ++q)
    if (std::string pl = place_at(tt, q, s, lex); !pl.empty()) return pl;
  return {};
}

}  // namespace

NounInfo find_noun(const TokenizedText& tt, std::size_t begin, std::size_t end, const Sentence& s,
                   bool of_follows_scale, std::string_view dimension, const Lexicon& lex) {
  NounInfo info;
  const bool comparable = dimension == "percent" || dimension == "ratio";
  std::size_t k = end;
  // "$2bn in damage", "£5m in new funding": what the money is, after "in";
  // "$2bn in Texas" and "$5m in March" are a place and a time.
  if (dimension == "currency" && is(tt, k, "in") && k + 1 < s.end && is_word(tt, k + 1) &&
      !tt.tokens[k + 1].upper_initial && !lex.stops.contains(tt, k + 1) && !lex.month(tt, k + 1))
    ++k;
  // "2,000-strong contingent"
  if (k + 1 < s.end && tt.str(k) == "-" && is(tt, k + 1, "strong") && !tt.tokens[k].space_before)
    k += 2;
  // "300 more troops": what is added names the noun after "more"
  if (is(tt, k, "more") && !is(tt, k + 1, "than")) ++k;
  // "thousands of people", "3 million of the", "dozens of the soldiers"
  if (of_follows_scale && is(tt, k, "of")) {
    ++k;
    const bool determiner = is(tt, k, "the") || is(tt, k, "its") || is(tt, k, "their");
    if (determiner || is(tt, k, "them")) ++k;
    // "70% of the 4,500 residents", "10% of its 12,000-strong workforce",
    // "40% of the city's 2.1 million residents": the whole's own size (and
    // whose whole it is) is passed over.
    if (determiner && k + 2 < s.end && is_word(tt, k) && tt.low(k + 1) == "'s" &&
        tt.tokens[k + 2].kind == TokenKind::number)
      k += 2;
    if (determiner && k < s.end && tt.tokens[k].kind == TokenKind::number) {
      ++k;
      if (k < s.end && lex.number_word(tt, k)) ++k;  // "2.1 million"
      if (k + 1 < s.end && tt.str(k) == "-" && is(tt, k + 1, "strong")) k += 2;
    }
  } else if (is(tt, k, "of") && (is(tt, k + 1, "the") || is(tt, k + 1, "these") || is(tt, k + 1, "those") ||
                                 is(tt, k + 1, "its") || is(tt, k + 1, "their"))) {
    // "12 of the 40 buses", "two of the five suspects": a part of a group
    // counts what the group counts; the group's own size is passed over.
    info.part = true;
    k += 2;
    for (std::size_t n = 0; n < 4 && k < s.end; ++n, ++k) {
      const bool dash = tt.str(k) == "-" && !tt.tokens[k].space_before;
      if (tt.tokens[k].kind != TokenKind::number && !lex.number_word(tt, k) && !dash) break;
    }
  }
  // Adjective hyphenated to the figure: "a 10-gallon cooler" has its unit; skip "-" here.
  if (k < s.end && tt.str(k) == "-" && !tt.tokens[k].space_before) ++k;

  // A measure named before the figure: "magnitude 6.8", "a depth of 10 km",
  // "a score of 85". The figure is that measure, and the noun after it
  // ("earthquake") is what is measured, not what is counted. Adjectives
  // ("a high of 30") are stop words and name no measure there.
  bool measure_named = false;
  {
    std::size_t mb = begin;
    if (mb > s.begin && is(tt, mb - 1, "of")) --mb;
    if (auto ms = lex.measures.match_ending(tt, mb, s.begin); ms && !lex.stops.contains(tt, mb - 1)) {
      info.measure = *ms->value;
      measure_named = true;
    }
  }
  // Measurement words after the figure: "19 km long", "a 6.8-magnitude
  // earthquake"; but "stretches 11.8 miles across the strait" is a preposition.
  if (!measure_named && k < s.end) {
    if (auto ms = lex.measures.match_at(tt, k)) {
      std::size_t after = k + ms->length;
      bool preposition = after < s.end && is_word(tt, after) &&
                         (is(tt, after, "the") || is(tt, after, "a") || is(tt, after, "an") ||
                          tt.tokens[after].upper_initial);
      if (!preposition) {
        info.measure = *ms->value;
        measure_named = !lex.stops.contains(tt, after - 1);
      }
    }
  }

  std::size_t head = s.end;
  std::size_t first = k;
  std::size_t j = k;
  std::size_t participle_at = s.end;  // "300 wounded civilians": the participle before the noun
  if (measure_named) {
    // the measure is what the figure states; no counted noun after it
  } else if (j < s.end && is_word(tt, j) && lex.participles.contains(tt, j) && !(j + 1 < s.end && is_word(tt, j + 1) &&
             !tt.tokens[j + 1].break_before && !lex.stops.contains(tt, j + 1) && !is_link(tt, j + 1, lex) &&
             !lex.participles.contains(tt, j + 1) && !lex.number_word(tt, j + 1))) {
    // "45 killed", "12 injured": the participle is the counted thing.
    head = j;
    j = j + 1;
  } else {
    // "300 wounded civilians": the participle describes the noun after it,
    // and is the event that counts them (as in "300 civilians were wounded").
    if (j < s.end && is_word(tt, j) && lex.participles.contains(tt, j)) participle_at = j;
    while (j < s.end && j < k + 6) {
      if (!is_word(tt, j)) {
        if (tt.str(j) == "-" && !tt.tokens[j].space_before && is_word(tt, j + 1) &&
            !tt.tokens[j + 1].space_before && j > first) {
          ++j;
          continue;
        }
        break;
      }
      if (j > first && tt.tokens[j].break_before) break;
      if (auto np = lex.noun_phrases.match_at(tt, j)) {
        head = j + np->length - 1;
        j += np->length;
        break;
      }
      std::string_view w = tt.low(j);
      // "US Marines", "IT staff": an acronym is no function word.
      if (lex.stops.contains(tt, j) && !tt.tokens[j].all_upper) break;
      if (lex.attribution_verbs.contains(tt, j) || is_link(tt, j, lex))
        break;  // a verb is never the counted noun: "a magnitude 6.8 earthquake struck", "5 cm fell"
      if (j > first && (ends_with(w, "ly") || (ends_with(w, "ed") && !lex.participles.contains(tt, j)) ||
                        (ends_with(w, "ing") && !ends_with(w, "ings") && !lex.noun(tt, j))))
        break;
      // "tens of thousands gathered.": a verb in -ed right after the figure,
      // ending its clause; "300 wounded civilians" and "30 speed cameras" go on.
      const bool eed_noun = ends_with(w, "eed") && w.size() <= 5;  // "speed", "breed"; not "agreed"
      if (j == first && w.size() > 4 && ends_with(w, "ed") && !eed_noun && !lex.noun(tt, j) &&
          (j + 1 >= s.end || !is_word(tt, j + 1) || lex.stops.contains(tt, j + 1)))
        break;
      if (lex.number_word(tt, j) || lex.units.match_at(tt, j)) break;
      if (is(tt, j + 1, "than")) break;  // "40% faster than": a comparison, not a noun
      if (comparable && j == first && !lex.noun(tt, j) && adjective_looking(w)) {
        // "95% effective" measures the effectiveness of what is named before;
        // "4.5% lower" only says which way a change went.
        if (!ends_with(w, "er")) info.measure = std::string(w);
        break;
      }
      if (j > first && head == j - 1 && verb_after_noun(tt, j, s, lex)) break;
      head = j;
      ++j;
      if (plural_looking(tt, j - 1, lex)) break;  // "soldiers" ends the phrase; what follows is a verb
    }
  }

  // "the default timeout of 30 seconds applies": a bare "-s" word after the
  // figure that the lexicon does not know, ending its clause, is a verb when
  // a known noun names the figure before it ("<noun> of N").
  if (head != s.end && head == first && begin >= s.begin + 2 && is(tt, begin - 1, "of") &&
      ends_with(tt.low(head), "s") && !lex.noun(tt, head) && lex.noun(tt, begin - 2) &&
      (head + 1 >= s.end || !is_word(tt, head + 1) || lex.stops.contains(tt, head + 1)))
    head = s.end;

  // "retries 3 times": a multiplier. What is counted is what is repeated,
  // named before the figure if anywhere, never "time".
  bool multiplier = first < s.end && tt.low(first) == "times";
  if (multiplier) {
    head = s.end;
    std::size_t r = begin;
    if (auto qm = lex.qualifiers_before.match_ending(tt, r, s.begin)) r -= qm->length;
    if (r > s.begin && is_word(tt, r - 1)) {
      std::string_view w = tt.low(r - 1);
      if (!lex.stops.contains(tt, r - 1) && !is_link(tt, r - 1, lex) && !lex.number_word(tt, r - 1) &&
          !ends_with(w, "ed") && !ends_with(w, "ing") && !ends_with(w, "ly")) {
        const NounWord* nw = lex.noun(tt, r - 1);
        info.noun = nw ? nw->lemma : singular(w);
        info.klass = nw && !nw->klass.empty() ? nw->klass : info.noun;
        info.noun_phrase = std::string(tt.str(r - 1));
        info.from_left = true;
      }
    }
  }

  if (head != s.end) {
    std::size_t np_begin = first;
    std::size_t mod_end = head;  // modifiers stop where the lexicon's phrase starts
    if (auto np = lex.noun_phrases.match_ending(tt, head + 1, first)) {
      info.noun = np->value->lemma;
      info.klass = np->value->klass.empty() ? np->value->lemma : np->value->klass;
      np_begin = std::min(np_begin, head + 1 - np->length);
      mod_end = head + 1 - np->length;  // "police officers" is the noun, "police" no modifier
    } else {
      const NounWord* nw = head_noun(tt, head, lex, info.noun);
      info.klass = nw && !nw->klass.empty() ? nw->klass : info.noun;
    }
    std::size_t ph_b = tt.tokens[np_begin].begin;
    std::size_t ph_e = tt.tokens[head].end;
    info.noun_phrase = std::string(tt.text.substr(ph_b, ph_e - ph_b));
    for (std::size_t m = np_begin; m < mod_end; ++m)
      if (is_word(tt, m) && tt.low(m) != "'s") info.modifiers.emplace_back(tt.low(m));
    j = head + 1;
    info.head_end = head + 1;
  }

  std::size_t place_from = head != s.end ? head + 1 : end;
  // No noun after it: look left. "the death toll of 45", "revenue was $4.5bn",
  // "the total number of personnel is approximately 3,000", "the bridge is 19 km long".
  std::size_t event_from = head != s.end ? head + 1 : end;
  // A figure alone in a table cell is about the row's first cell:
  // "| `timeout` | 60 s |", "| Revenue | $4.5bn |".
  if (info.noun.empty() && !measure_named && !multiplier && begin > s.begin && tt.str(begin - 1) == "|" &&
      (end >= s.end || tt.str(end) == "|")) {
    std::size_t open = begin - 1;  // the cell's opening bar; the row's label ends at it
    std::size_t label_begin = open;
    while (label_begin > s.begin && tt.str(label_begin - 1) != "|" && tt.str(label_begin - 1) != "\n") --label_begin;
    std::string label;
    for (std::size_t t = label_begin; t < open; ++t) {
      if (!is_word(tt, t)) continue;
      if (!label.empty()) label += ' ';
      label += tt.low(t);
    }
    if (!label.empty() && label_begin > s.begin && label.size() < 40) {
      // The label's last word of two letters or more: "max upload size" ->
      // size; "Brigade A" -> brigade.
      std::size_t h = open;
      while (h > label_begin && !(is_word(tt, h - 1) && tt.str(h - 1).size() >= 2)) --h;
      --h;
      if (h >= label_begin && h < open && is_word(tt, h)) {
        const NounWord* nw = head_noun(tt, h, lex, info.noun);
        info.klass = nw && !nw->klass.empty() ? nw->klass : info.noun;
        info.noun_phrase = label;
        info.from_left = true;
        info.from_row = true;
      }
    }
  }
  if (info.noun.empty() && !measure_named && !multiplier) {
    std::size_t p = begin;
    std::size_t links = 0;
    // "after" links only a noun to a duration: "requests time out after 30 seconds".
    auto links_to = [&](std::size_t i) {
      std::string_view w = tt.low(i);
      if (is_link(tt, i, lex)) return true;
      // A verb in -ed before "to", "at" or "by" between the noun and the
      // figure: "winds gusted to 120 km/h", "the cost has tripled to $9bn",
      // "the fine is capped at €10,000", "sales increased by 5%".
      if (w.size() > 4 && ends_with(w, "ed") && i + 1 < s.end && !lex.noun(tt, i) &&
          (is(tt, i + 1, "to") || is(tt, i + 1, "at") || is(tt, i + 1, "by")))
        return true;
      // A verb in -ed after an auxiliary: "the wildfire has scorched more than 20,000 acres".
      if (w.size() > 4 && ends_with(w, "ed") && i > s.begin && !lex.noun(tt, i) &&
          (is(tt, i - 1, "has") || is(tt, i - 1, "have") || is(tt, i - 1, "had")))
        return true;
      // "from" after a verb of change: "the toll rose from 45 to 78" (45 is the old value).
      if (w == "from" && i > s.begin && lex.change_verbs.contains(tt, i - 1)) return true;
      // "by" after such a verb or a verb of change: "sales rose by 5%".
      if (w == "by" && i > s.begin && is_word(tt, i - 1) &&
          (lex.change_verbs.contains(tt, i - 1) || (ends_with(tt.low(i - 1), "ed") && !lex.noun(tt, i - 1))))
        return true;
      return (w == "after" || w == "within") && i > s.begin &&
             (lex.noun_phrases.match_ending(tt, i, s.begin) || lex.noun(tt, i - 1));
    };
    while (p > s.begin && links < 4) {
      if (is_word(tt, p - 1) && links_to(p - 1)) {
        --p;
      } else if (std::size_t f = old_value_before(tt, p, s, lex); f != p) {
        p = f;  // "the toll rose from 45 to 78": 78 links over the old value to its noun
      } else {
        break;
      }
      ++links;
    }
    // "uploads larger than 10 MiB": a comparative qualifier links the noun
    // right before it, as a verb would.
    const std::string_view before_qualifier = p > s.begin ? tt.low(p - 1) : std::string_view();
    const bool degree_word = ends_with(before_qualifier, "ly") || before_qualifier == "well" ||
                             before_qualifier == "far" || before_qualifier == "much" || before_qualifier == "little";
    const bool compared = p == begin && p > s.begin && is_word(tt, p - 1) && !lex.stops.contains(tt, p - 1) &&
                          !degree_word && lex.qualifiers_before.match_at(tt, begin) && comparative(tt, begin);
    if (p > s.begin && tt.str(p - 1) == ":") --p;
    std::size_t of_head = s.end;
    std::size_t of_begin = s.end;
    if (p < begin) counted_after_of(tt, p, s, lex, of_begin, of_head);
    if (of_head != s.end) {
      // "the number of North Korean personnel in Russian units at approximately 3,000"
      const NounWord* nw = head_noun(tt, of_head, lex, info.noun);
      if (auto np = lex.noun_phrases.match_ending(tt, of_head + 1, of_begin)) {
        nw = np->value;
        info.noun = nw->lemma;
      }
      info.klass = nw && !nw->klass.empty() ? nw->klass : info.noun;
      info.noun_phrase = std::string(
          tt.text.substr(tt.tokens[of_begin].begin, tt.tokens[of_head].end - tt.tokens[of_begin].begin));
      for (std::size_t m = of_begin; m < of_head; ++m)
        if (is_word(tt, m) && tt.low(m) != "'s" && !lex.stops.contains(tt, m))
          info.modifiers.emplace_back(tt.low(m));
      info.from_left = true;
      place_from = of_head + 1;
      event_from = of_head + 1;  // "the number of people killed in ..."
    } else if (p < begin || compared || (p > s.begin && tt.str(p) == ":")) {
      // "the bridge, which is 16 miles long": the phrase before the relative pronoun
      std::size_t e = p;
      if (e > s.begin + 1 && (is(tt, e - 1, "which") || is(tt, e - 1, "that") || is(tt, e - 1, "who"))) {
        --e;
        if (e > s.begin + 1 && tt.str(e - 1) == ",") --e;
      }
      e = skip_period_phrase(tt, s, lex, e);
      std::size_t b = phrase_start_left(tt, e, s.begin, lex);
      // a lexicon phrase that holds a stop word: "requests time out after 30 seconds"
      if (auto np = lex.noun_phrases.match_ending(tt, e, s.begin); np && e - np->length < b)
        b = e - np->length;
      // "from 800 ms to 120 ms": the unit of the figure before is not what this one counts.
      if (after_figure(tt, b, e, s, lex)) b = e;
      if (b < e) leftmost_phrase(tt, s, lex, b, e);
      // "put the figure at 11,000", "the total is 45": a word that stands for
      // a number, alone, names nothing counted; what it counts was said elsewhere.
      if (b + 1 == e && is_container(tt.low(b))) b = e;
      if (b < e) {
        std::size_t h = e - 1;
        while (h > b && !is_word(tt, h)) --h;
        const NounWord* nw = head_noun(tt, h, lex, info.noun);
        std::size_t mod_end = h;
        if (auto np = lex.noun_phrases.match_ending(tt, h + 1, b)) {
          nw = np->value;
          info.noun = nw->lemma;
          mod_end = h + 1 - np->length;
        }
        info.klass = nw && !nw->klass.empty() ? nw->klass : info.noun;
        info.noun_phrase =
            std::string(tt.text.substr(tt.tokens[b].begin, tt.tokens[h].end - tt.tokens[b].begin));
        for (std::size_t m = b; m < mod_end; ++m)
          if (is_word(tt, m) && tt.low(m) != "'s" && !lex.stops.contains(tt, m))
            info.modifiers.emplace_back(tt.low(m));
        info.from_left = true;
        place_from = h + 1;
      }
    }
  }

  // Place: "in Russian units", "in the Kursk region", "near Kharkiv"; for a
  // phrase before the figure, between it and the figure, else after the figure.
  info.place = first_place(tt, place_from, s, lex);
  if (info.place.empty() && place_from < begin) info.place = first_place(tt, end, s, lex);

  // Event: the verb after the phrase ("were killed", "arrived") or before the figure ("sent").
  std::size_t v = event_from;
  while (v < s.end && is_word(tt, v) &&
         (is(tt, v, "were") || is(tt, v, "was") || is(tt, v, "have") || is(tt, v, "had") ||
          is(tt, v, "been") || is(tt, v, "are") || is(tt, v, "is") || is(tt, v, "be") ||
          is(tt, v, "reportedly") || is(tt, v, "also")))
    ++v;
  // A participle not in -ed/-en ("hurt") is one only after an auxiliary:
  // "30 people were hurt", but "the loss of 30 jobs hurt".
  std::size_t event_at = participle_at;  // the event's token
  if (event_at == s.end && v < s.end && is_word(tt, v) && !lex.stops.contains(tt, v) &&
      (ends_with(tt.low(v), "ed") || ends_with(tt.low(v), "en") ||
       (v > event_from && lex.participles.contains(tt, v))))
    event_at = v;
  if (event_at == s.end && begin > s.begin && is_word(tt, begin - 1)) {
    std::string_view w = tt.low(begin - 1);
    if (!lex.stops.contains(tt, begin - 1) && (ends_with(w, "ed") || w == "sent" || w == "lost" || w == "built"))
      event_at = begin - 1;
  }
  if (event_at != s.end) info.event = std::string(tt.low(event_at));
  // People with a casualty event are that casualty: "45 people were killed",
  // "killed 45 people" and "45 people died" count deaths, as "78 deaths" and
  // "the death toll reached 78" do, so they share a block. The event's class
  // comes from nouns.tsv, where a participle ("killed", "wounded") has one.
  if (event_at != s.end && !info.noun.empty() && lex.participles.contains(tt, event_at)) {
    if (const NounWord* ev = lex.noun(tt, event_at); ev && !ev->klass.empty()) info.klass = ev->klass;
  }
  return info;
}

Modality find_modality(const TokenizedText& tt, std::size_t begin, std::size_t end,
                       std::size_t noun_end, const Sentence& s, const Lexicon& lex) {
  // A question is a question whatever else it says.
  std::size_t last = s.end - 1;
  while (last > s.begin && (tt.str(last) == "\"" || tt.str(last) == ")")) --last;
  if (tt.str(last) == "?") return Modality::question;

  // The nearest trigger before the figure, within its clause.
  std::size_t floor = begin > s.begin + 10 ? begin - 10 : s.begin;
  for (std::size_t p = begin; p > floor; --p) {
    std::string_view w = tt.str(p - 1);
    if (w == ";" || w == ":") break;
    if (auto m = lex.modality.match_ending(tt, p, floor)) {
      // "in May", "May 4": the month, not the modal verb.
      if (m->length == 1 && is(tt, p - 1, "may") && (tt.tokens[p - 1].upper_initial && p - 1 > s.begin)) continue;
      Modality md = *m->value;
      // "no fewer than", "not less than" are qualifiers, not negation.
      if (md == Modality::negated && lex.qualifiers_before.match_at(tt, p - m->length)) continue;
      if (md == Modality::negated && p - m->length >= 1 && is(tt, p - m->length - 1, "if")) continue;
      return md;
    }
  }
  // Right after the counted phrase: "10,000 soldiers could join", "... are expected to".
  std::size_t a = std::max(end, noun_end);
  while (a < s.end && a < end + 6 && tt.tokens[a].kind == TokenKind::word &&
         !lex.modality.match_at(tt, a) && !(lex.stops.contains(tt, a) && !tt.tokens[a].all_upper))
    ++a;
  // "100,000 more could follow", "others may join"
  while (a < s.end && (is(tt, a, "more") || is(tt, a, "others") || is(tt, a, "extra"))) ++a;
  while (a < s.end && (is(tt, a, "are") || is(tt, a, "is") || is(tt, a, "were") || is(tt, a, "was")))
    ++a;
  // "took 17 years to build": after the figure, "to" + verb is its purpose,
  // not a plan ("an intention to build 300 homes" is found before it).
  if (a < s.end && !is(tt, a, "to")) {
    if (auto m = lex.modality.match_at(tt, a)) {
      // "the Pentagon said 2,500 Marines would be deployed": reported intent,
      // as "said it would" before the figure.
      if (*m->value == Modality::hypothetical && is(tt, a, "would"))
        for (std::size_t p = s.begin; p < begin; ++p)
          if (lex.attribution_verbs.contains(tt, p)) return Modality::planned;
      return *m->value;
    }
  }
  return Modality::asserted;
}

namespace {

std::string phrase_text(const TokenizedText& tt, std::size_t b, std::size_t e) {
  return std::string(tt.text.substr(tt.tokens[b].begin, tt.tokens[e - 1].end - tt.tokens[b].begin));
}

bool pronoun(std::string_view w) {
  return w == "he" || w == "she" || w == "they" || w == "it" || w == "we" || w == "i" ||
         w == "you" || w == "who" || w == "which" || w == "that";
}

}  // namespace

std::string find_entity(const TokenizedText& tt, const Sentence& s, std::size_t begin, const NounInfo& noun,
                        const Lexicon& lex) {
  if (noun.noun.empty() || !(lex.owned.count(noun.noun) || lex.owned.count(noun.klass))) return "";
  auto name_word = [&](std::size_t i) {
    return is_word(tt, i) && (tt.tokens[i].upper_initial || tt.tokens[i].all_upper) && tt.low(i) != "'s";
  };
  // A capitalised word that opens the sentence is a name only when the
  // lexicons do not know it as anything else ("The", "Officials", "Revenue").
  auto common_opening = [&](std::size_t i) {
    const std::string_view w = tt.low(i);
    return lex.stops.contains(tt, i) || lex.noun(tt, i) || lex.number_word(tt, i) || lex.month(w) ||
           lex.weekday(w) || lex.links.contains(tt, i) || lex.modality.match_at(tt, i) ||
           plural_looking(tt, i, lex) || w == "according";
  };
  std::string first_speaker;
  std::size_t i = s.begin;
  while (i < begin) {
    if (!name_word(i)) {
      ++i;
      continue;
    }
    std::size_t e = i + 1;  // "Acme", "Acme Corp", "AT&T", "Rolls-Royce"
    while (e < begin && e < i + 4 &&
           (name_word(e) || ((tt.str(e) == "&" || tt.str(e) == "-") && !tt.tokens[e].space_before &&
                             e + 1 < begin && name_word(e + 1) && !tt.tokens[e + 1].space_before)))
      ++e;
    bool skip = false;
    for (std::size_t k = i; k < e; ++k)
      skip = skip || lex.month(tt.low(k)) || lex.weekday(tt.low(k));
    // "Local officials said", "Military sources": an adjective opening the
    // sentence before a plural noun; "Acme plans", "Acme said" are names.
    if (i == s.begin && e == i + 1) {
      const bool verb_next = e < s.end && (lex.attribution_verbs.contains(tt, e) || lex.change_verbs.contains(tt, e) ||
                                           lex.modality.match_at(tt, e) || lex.links.contains(tt, e));
      const bool plural_next = e < s.end && is_word(tt, e) && !tt.tokens[e].upper_initial &&
                               plural_looking(tt, e, lex);
      if (common_opening(i) || (plural_next && !verb_next)) skip = true;
    }
    std::string name;
    for (std::size_t k = i; k < e; ++k) {
      if (!is_word(tt, k)) continue;
      if (!name.empty()) name += ' ';
      name += tt.low(k);
    }
    // Already said in the figure's own phrase ("Acme's revenue", "Net income"): no entity of its own.
    if (std::find(noun.modifiers.begin(), noun.modifiers.end(), name) != noun.modifiers.end() ||
        lower_ascii(noun.noun_phrase).find(name) != std::string::npos)
      skip = true;
    // The speaker ("Acme said", "Acme's chief executive said", "according to
    // Acme") is the owner only when nobody else is named: "Acme Corp reported
    // revenue of", but "Analysts said Globex revenue".
    std::size_t after = e;
    if (after < begin && (tt.low(after) == "'s" || tt.low(after) == "\u2019s")) ++after;
    bool speaker = i >= s.begin + 2 && is(tt, i - 2, "according") && is(tt, i - 1, "to");
    for (std::size_t k = after; k < after + 3 && k < s.end; ++k)
      speaker = speaker || lex.attribution_verbs.contains(tt, k);
    if (!skip && !speaker) return name;
    // As the owner, a speaker must plainly be a name: "Acme said", "Acme
    // Corp reported"; not "Military intelligence said".
    const bool plain_name = e > i + 1 || i > s.begin || (e < s.end && lex.attribution_verbs.contains(tt, e));
    if (!skip && speaker && plain_name && first_speaker.empty()) first_speaker = name;
    i = e;
  }
  return first_speaker;
}

std::string row_label(const TokenizedText& tt, const Sentence& s, std::size_t begin) {
  // The row starts at the sentence (Markdown makes each row one) or at the
  // line break before the figure (a plain-text table is one sentence).
  // Most sentences hold no cell boundary before the figure: one memchr says so.
  const std::size_t from = tt.tokens[s.begin].begin;
  if (tt.text.substr(from, tt.tokens[begin].begin - from).find('|') == std::string_view::npos) return "";
  auto line_break_before = [&](std::size_t t) {
    const Token& prev = tt.tokens[t - 1];
    return tt.text.substr(prev.end, tt.tokens[t].begin - prev.end).find('\n') != std::string_view::npos;
  };
  std::size_t first = begin;
  while (first > s.begin && !line_break_before(first)) --first;
  if (first < s.end && tt.str(first) == "|") ++first;  // "| label | ... |"
  std::size_t bar = first;
  while (bar < begin && tt.str(bar) != "|") ++bar;
  if (bar >= begin) return "";  // no cell boundary before the figure
  std::string label;
  for (std::size_t t = first; t < bar; ++t) {
    if (!is_word(tt, t) && tt.tokens[t].kind != TokenKind::number) continue;
    if (!label.empty()) label += ' ';
    label += tt.low(t);
  }
  return label.size() <= 40 ? label : "";
}

std::optional<std::string> find_attribution(const TokenizedText& tt, const Sentence& s,
                                            const Lexicon& lex) {
  // One pass over the words finds "according to X" and the first verb of
  // saying, where the search for "X said" below starts: the second pass
  // skips the words before it, and all of a sentence that has none.
  std::size_t first_verb = s.end;
  for (std::size_t i = s.begin; i < s.end; ++i) {
    if (tt.tokens[i].kind != TokenKind::word) continue;
    if (first_verb == s.end && lex.attribution_verbs.contains(tt, i)) first_verb = i;
    // "according to X"
    if (is(tt, i, "according") && is(tt, i + 1, "to")) {
      std::size_t b = i + 2;
      if (is(tt, b, "the")) ++b;
      std::size_t e = b;
      while (e < s.end && e < b + 6 && (is_word(tt, e) || tt.str(e) == "-") &&
             (tt.tokens[e].upper_initial || !lex.stops.contains(tt, e) || tt.low(e) == "'s" ||
              tt.low(e) == "of"))
        ++e;
      while (e > b && lex.stops.contains(tt, e - 1)) --e;
      if (e > b) return phrase_text(tt, b, e);
    }
  }
  for (std::size_t i = first_verb; i < s.end; ++i) {
    if (!is_word(tt, i) || !lex.attribution_verbs.contains(tt, i)) continue;
    // "X said": the phrase before the verb
    std::size_t e = i;
    std::size_t b = e;
    while (b > s.begin && b + 6 > e) {
      std::size_t p = b - 1;
      if (!is_word(tt, p)) break;
      std::string_view w = tt.low(p);
      if (w != "'s" && lex.stops.contains(tt, p) && !(w == "of" && b < e)) break;
      b = p;
    }
    // "45 people said", "two-thirds of respondents said": the figure's own
    // phrase says it, which attributes nothing.
    const bool figure_phrase =
        b < e && (lex.number_word(tt, b) || (b > s.begin && tt.tokens[b - 1].kind == TokenKind::number));
    while (b < e && is(tt, b, "of")) ++b;
    if (b < e && !figure_phrase && !pronoun(tt.low(e - 1))) {
      // a bare common noun before "said" is fine ("officials said"); strip leading articles
      return phrase_text(tt, b, e);
    }
    // ", said Zelensky": the phrase after the verb
    std::size_t a = i + 1;
    std::size_t ae = a;
    while (ae < s.end && ae < a + 5 && is_word(tt, ae) &&
           (tt.tokens[ae].upper_initial || tt.low(ae) == "'s"))
      ++ae;
    if (ae > a) return phrase_text(tt, a, ae);
  }
  return std::nullopt;
}

// "2024-10-14", also with a time after it; like scanf's "%4d-%2d-%2d", a
// month or day may have one digit ("2024-1-5T09:00").
std::optional<CalendarDate> parse_iso_date(const std::optional<std::string>& s) {
  if (!s || s->size() < 10) return std::nullopt;
  std::string_view rest = *s;
  auto number = [&](std::size_t max_digits, int& out) {
    std::size_t n = 0;
    out = 0;
    while (n < max_digits && n < rest.size() && rest[n] >= '0' && rest[n] <= '9')
      out = out * 10 + (rest[n++] - '0');
    rest.remove_prefix(n);
    return n > 0;
  };
  auto dash = [&] {
    if (rest.empty() || rest.front() != '-') return false;
    rest.remove_prefix(1);
    return true;
  };
  CalendarDate r;
  if (!number(4, r.y) || !dash() || !number(2, r.m) || !dash() || !number(2, r.d)) return std::nullopt;
  if (r.m < 1 || r.m > 12 || r.d < 1 || r.d > 31) return std::nullopt;
  return r;
}

namespace {

std::chrono::sys_days to_days(const CalendarDate& d) {
  return std::chrono::sys_days{std::chrono::year{d.y} / std::chrono::month{static_cast<unsigned>(d.m)} /
                               std::chrono::day{static_cast<unsigned>(d.d)}};
}

std::string iso(std::chrono::sys_days days) {
  std::chrono::year_month_day ymd{days};
  return fmt::format(FMT_COMPILE("{:04}-{:02}-{:02}"), static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

bool year_token(const TokenizedText& tt, std::size_t i) {
  if (i >= tt.size()) return false;
  const Token& t = tt.tokens[i];
  return t.kind == TokenKind::number && t.int_digits == 4 && !t.grouped && t.decimals == 0 &&
         t.value >= 1900 && t.value <= 2100;
}

int ordinal_quarter(std::string_view w) {
  if (w == "first" || w == "q1") return 1;
  if (w == "second" || w == "q2") return 2;
  if (w == "third" || w == "q3") return 3;
  if (w == "fourth" || w == "q4") return 4;
  return 0;
}

}  // namespace

std::optional<std::string> pick_period(const TokenizedText& tt, std::size_t begin,
                                       const Sentence& s, const std::vector<PeriodMark>& marks) {
  const PeriodMark* best = nullptr;
  std::size_t best_dist = SIZE_MAX;
  for (const PeriodMark& mark : marks) {
    std::size_t at = mark.at;
    std::size_t dist = at > begin ? at - begin : begin - at;
    // An adjective period before the figure's noun says what the figure is
    // about; it beats a nearer date unless another figure stands between.
    if (at < begin && at + 1 < s.end && tt.str(at + 1) == "-" && !tt.tokens[at + 1].space_before) {
      bool figure_between = false;
      for (std::size_t x = at + 2; x < begin && !figure_between; ++x)
        figure_between = tt.tokens[x].kind == TokenKind::number;
      if (!figure_between) dist = 0;
    }
    if (dist < best_dist) {  // the first of equally near marks wins
      best_dist = dist;
      best = &mark;
    }
  }
  if (!best) return std::nullopt;
  return best->value;
}

std::optional<std::string> find_period(const TokenizedText& tt, std::size_t begin,
                                       const Sentence& s, const std::optional<std::string>& doc_date,
                                       const Lexicon& lex) {
  return pick_period(tt, begin, s, period_marks(tt, s, parse_iso_date(doc_date), lex));
}

std::vector<PeriodMark> period_marks(const TokenizedText& tt, const Sentence& s,
                                     const std::optional<CalendarDate>& anchor, const Lexicon& lex) {
  std::vector<PeriodMark> marks;
  // Dates are written with FMT_COMPILE formats: parsing a format string at
  // run time cost more per period than the scan for it.
  auto offer = [&](std::size_t at, std::string value) { marks.push_back({at, std::move(value)}); };
  // The document's date, when it has one (`anchored`). A plain value rather
  // than an optional, which GCC 12 wrongly warns may be read uninitialized.
  const bool anchored = anchor.has_value();
  const std::chrono::sys_days today = anchored ? to_days(*anchor) : std::chrono::sys_days{};
  for (std::size_t i = s.begin; i < s.end; ++i) {
    // Every period below starts at a number that is a year, a month, a
    // weekday or one of the lexicon's period cues.
    const Token& t = tt.tokens[i];
    if (t.kind == TokenKind::symbol) continue;
    if (t.kind == TokenKind::number ? !year_token(tt, i)
                                    : !lex.period_start(tt, i))
      continue;
    std::string_view w = tt.low(i);
    // quarters: "third quarter of 2024", "Q3 2024", "the third quarter", and
    // the adjective "third-quarter revenue"
    std::size_t unit_at = i + 1;
    if (tt.str(unit_at) == "-" && !tt.tokens[unit_at].space_before && unit_at + 1 < s.end &&
        !tt.tokens[unit_at + 1].space_before)
      ++unit_at;
    if (int h = ordinal_quarter(w); (h == 1 || h == 2) && w.size() > 2 && is(tt, unit_at, "half")) {
      // halves: "first half of 2024", "first-half profit"
      std::size_t k = unit_at + 1;
      if (is(tt, k, "of")) ++k;
      int year = year_token(tt, k) ? static_cast<int>(tt.tokens[k].value) : anchor ? anchor->y : 0;
      if (year) {
        offer(i, h == 1 ? fmt::format(FMT_COMPILE("{:04}-01-01/{:04}-06-30"), year, year)
                        : fmt::format(FMT_COMPILE("{:04}-07-01/{:04}-12-31"), year, year));
        if (year_token(tt, k)) i = k;
        continue;
      }
    }
    if ((w == "full" || w == "whole") && is(tt, unit_at, "year") && year_token(tt, unit_at + 1)) {
      // "full-year 2024 sales"; a full year with no year named is left open
      offer(i, fmt::format(FMT_COMPILE("{:04}"), static_cast<int>(tt.tokens[unit_at + 1].value)));
      i = unit_at + 1;
      continue;
    }
    if (int q = ordinal_quarter(w); q > 0) {
      bool is_q = w.size() == 2 || is(tt, unit_at, "quarter");
      if (is_q) {
        std::size_t k = w.size() == 2 ? i + 1 : unit_at + 1;
        if (is(tt, k, "of")) ++k;
        int year = 0;
        if (year_token(tt, k)) year = static_cast<int>(tt.tokens[k].value);
        else if (anchor) year = anchor->y;
        if (year) {
          offer(i, fmt::format(FMT_COMPILE("{:04}-{:02}-01/{:04}-{:02}-{:02}"), year, q * 3 - 2,
                               year, q * 3, q == 1 || q == 4 ? 31 : 30));
          if (year_token(tt, k)) i = k;  // the year belongs to the quarter
          continue;
        }
      }
    }
    if (auto m = lex.month(tt, i); m && tt.tokens[i].upper_initial && w.size() > 2) {
      // "October 17, 2024", "October 2024", "17 October 2024", "October 17"
      int day = 0, year = 0;
      std::size_t k = i + 1;
      if (k < s.end && tt.tokens[k].kind == TokenKind::number && tt.tokens[k].int_digits <= 2 &&
          tt.tokens[k].value >= 1 && tt.tokens[k].value <= 31) {
        day = static_cast<int>(tt.tokens[k].value);
        ++k;
        if (tt.str(k) == ",") ++k;
      } else if (i > s.begin && tt.tokens[i - 1].kind == TokenKind::number &&
                 tt.tokens[i - 1].int_digits <= 2 && tt.tokens[i - 1].value >= 1) {
        day = static_cast<int>(tt.tokens[i - 1].value);
      }
      if (year_token(tt, k)) year = static_cast<int>(tt.tokens[k].value);
      else if (anchor) year = anchor->y;
      if (year && day) offer(i, fmt::format(FMT_COMPILE("{:04}-{:02}-{:02}"), year, *m, day));
      else if (year) offer(i, fmt::format(FMT_COMPILE("{:04}-{:02}"), year, *m));
      continue;
    }
    if (year_token(tt, i) && i > s.begin) {
      std::string_view p = tt.low(i - 1);
      if (p == "in" || p == "during" || p == "for" || p == "since" || p == "of" || p == "by" ||
          p == "fiscal" || p == "fy" || p == "year" || p == "until")
        offer(i, fmt::format(FMT_COMPILE("{:04}"), static_cast<int>(tt.tokens[i].value)));
      continue;
    }
    if (!anchored) continue;
    if (w == "today") offer(i, iso(today));
    else if (w == "yesterday") offer(i, iso(today - std::chrono::days{1}));
    else if (auto wd = lex.weekday(tt, i); wd && tt.tokens[i].upper_initial) {
      // the most recent such day on or before the document's date
      unsigned doc_wd = std::chrono::weekday{today}.iso_encoding();
      int back = (static_cast<int>(doc_wd) - *wd + 7) % 7;
      offer(i, iso(today - std::chrono::days{back}));
    } else if ((w == "last" || w == "this") && i + 1 < s.end) {
      std::string_view n = tt.low(i + 1);
      int y = anchor->y - (w == "last" ? 1 : 0);
      if (n == "year") offer(i, fmt::format(FMT_COMPILE("{:04}"), y));
      else if (n == "month") {
        int m = anchor->m - (w == "last" ? 1 : 0);
        int yy = anchor->y;
        if (m == 0) {
          m = 12;
          --yy;
        }
        offer(i, fmt::format(FMT_COMPILE("{:04}-{:02}"), yy, m));
      } else if (n == "week") {
        auto end_day = today - std::chrono::days{w == "last" ? 7 : 0};
        offer(i, iso(end_day - std::chrono::days{6}) + "/" + iso(end_day));
      }
    }
  }
  return marks;
}

}  // namespace tally::detail
