// The extractor: from a numeral to a figure.
//
// For each place where a numeral starts, the figure grows outwards: a
// currency or sign before it, a range partner after it ("to 12 thousand"), a
// unit or currency after, qualifier words on either side, a rate ("a day").
// Then the figure is tested against what is not a quantity (years, dates,
// times, ordinals, identifiers) and, if it stands, given its counted noun,
// modality, attribution, period and subject.
#include <tally/extract.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>

#include <re2/re2.h>

#include "extract/context.hpp"
#include "extract/numeral.hpp"
#include "extract/subject.hpp"
#include "extract/tokenizer.hpp"
#include "lexicon/lexicon.hpp"

namespace tally {
namespace detail {
namespace {

bool glued(const TokenizedText& tt, std::size_t i) {
  return i < tt.size() && !tt.tokens[i].space_before;
}
bool is_kind(const TokenizedText& tt, std::size_t i, TokenKind k) {
  return i < tt.size() && tt.tokens[i].kind == k;
}
bool is_dash(const TokenizedText& tt, std::size_t i) {
  if (i >= tt.size()) return false;
  std::string_view s = tt.str(i);
  return s == "-" || s == "\u2013" || s == "\u2014" || s == "\u2212";
}
bool is_minus(const TokenizedText& tt, std::size_t i) {
  if (i >= tt.size()) return false;
  std::string_view s = tt.str(i);
  return s == "-" || s == "\u2212";
}

// A word of three or four letters uppercased, as currency codes are listed
// ("usd" -> "USD", "MAUD"); "" for any other length, which no code has. The
// buffer is on the stack: this runs beside every figure.
using CodeBuffer = std::array<char, 4>;
std::string_view upper_code(std::string_view word, CodeBuffer& buffer) {
  if (word.size() != 3 && word.size() != 4) return {};
  for (std::size_t k = 0; k < word.size(); ++k) {
    const char ch = word[k];
    buffer[k] = ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch;
  }
  return std::string_view(buffer.data(), word.size());
}

// Whether a code written in lowercase is still one ("20 usd", "usd 20"):
// only these, since many codes are words ("try 5 times", "top 10", "pen").
bool lowercase_code_ok(std::string_view code) {
  return code == "USD" || code == "EUR" || code == "GBP" || code == "RMB" || code == "JPY" || code == "CNY";
}

// Per token, whether the masker took it (a URL, an address, a phone number,
// a date). Bytes rather than vector<bool>'s bits: it is read at every token.
using TokenMask = std::vector<std::uint8_t>;

// A figure being assembled; token indexes.
struct Candidate {
  std::size_t begin = 0, end = 0;  // whole span
  std::size_t floor = 0;           // the previous figure's end: words before it are not ours
  Numeral num;
  std::optional<Numeral> num2;  // the upper end of a range
  Qualifier qualifier = Qualifier::exact;
  bool qualified = false;
  std::string currency;
  const UnitWord* unit = nullptr;
  std::string unit_override;  // when the unit comes from a rule, not the lexicon
  std::string rate;           // denominator
  double low = 0, high = 0, value = 0;
  bool has_low = true, has_high = true;
  bool is_share = false;
  bool change_from = false;  // "rose from 45 to 78": the first figure of a change
  bool bounds = false;       // a range of two qualified bounds ("above 1000 and below 1500"): no years
};

class Scanner {
 public:
  Scanner(const TokenizedText& tt, const Lexicon& lex, const TokenMask& masked)
      : tt_(tt), lex_(lex), masked_(masked) {}

  // The figure whose numeral starts at token i; `floor` is the end of the
  // previous figure, which currency and qualifier words may not reach behind
  // ("50 dollar 40 rmb": "dollar" is the first figure's).
  std::optional<Candidate> at(std::size_t i, std::size_t floor, std::size_t& next) const;

 private:
  bool attach_unit(Candidate& c) const;
  bool attach_currency_after(Candidate& c) const;
  void join_parts(Candidate& c) const;
  template <class Match>
  bool over_a_span(const Candidate& c, const Match& m) const;
  void take_currency(Candidate& c, const CurrencyWord& w, std::size_t end) const;
  bool pounds_are_money(const Candidate& c, const UnitWord* u, std::size_t k) const;
  void attach_currency_before(Candidate& c) const;
  void attach_qualifiers(Candidate& c) const;
  bool attach_range(Candidate& c) const;
  void join_bounds(Candidate& c) const;
  void attach_rate(Candidate& c) const;
  bool not_a_quantity(const Candidate& c) const;
  bool age_adjective_at(std::size_t e) const;
  bool comparison_at(std::size_t k) const;
  bool cue_near(const WordSet& cues, std::size_t begin, std::size_t back, std::size_t after, std::size_t ahead,
                bool clause) const;
  bool money_context(std::size_t begin) const;
  bool mass_context(std::size_t begin, std::size_t after) const;
  bool temperature_context(std::size_t begin) const;
  std::size_t hyphenated_word(std::size_t k) const;
  bool resolve_m_suffix(Candidate& c) const;
  static void unscale(Candidate& c, const UnitWord* unit);
  std::optional<Numeral> numeral_at(std::size_t i) const {
    if (i >= tt_.size() || masked_[i]) return std::nullopt;
    return parse_numeral(tt_, i, lex_);
  }

  const TokenizedText& tt_;
  const Lexicon& lex_;
  const TokenMask& masked_;
};

std::optional<Candidate> Scanner::at(std::size_t i, std::size_t floor, std::size_t& next) const {
  next = i + 1;
  auto num = numeral_at(i);
  if (!num) return std::nullopt;
  Candidate c;
  c.floor = floor;
  c.num = *num;
  c.begin = num->begin;
  c.end = num->end;
  next = std::max(next, num->end);

  // A sign glued to the digits: "-1", "−9.2", but not "COVID-19" or "2000-3000".
  if (!num->negative && is_kind(tt_, c.begin, TokenKind::number) && c.begin > floor &&
      is_minus(tt_, c.begin - 1) && glued(tt_, c.begin)) {
    std::size_t s = c.begin - 1;
    bool free = s == 0 || tt_.tokens[s].space_before ||
                (tt_.tokens[s - 1].kind == TokenKind::symbol && !is_dash(tt_, s - 1) &&
                 tt_.str(s - 1) != "/" && tt_.str(s - 1) != "+");
    if (free) {
      c.begin = s;
      c.num.value = -c.num.value;
      c.num.negative = true;
    }
  }

  attach_currency_before(c);
  if (!attach_range(c)) {
    c.value = c.low = c.high = c.num.value;
    if (c.num.shape == NumeralShape::vague) {
      c.low = c.num.low;
      c.high = c.num.high;
      c.qualifier = Qualifier::vague;
      c.qualified = true;
    }
  }
  if ((c.num.suffix == "m" || c.num.suffix == "MM") && !resolve_m_suffix(c)) return std::nullopt;
  // A unit is tried only where no currency follows; a unit that fails
  // leaves the candidate as it was, so there is no second look for a currency.
  if (c.currency.empty() && !attach_currency_after(c)) attach_unit(c);
  join_parts(c);
  // "convert - 20 degrees Fahrenheit": a spaced minus before a temperature is
  // its sign; before other figures a spaced dash is punctuation.
  if (c.unit && c.unit->dimension == "temperature" && !c.num.negative && !c.num2 &&
      is_kind(tt_, c.begin, TokenKind::number) && c.begin > floor + 1 && is_minus(tt_, c.begin - 1) &&
      !glued(tt_, c.begin) && tt_.tokens[c.begin - 1].space_before &&
      tt_.tokens[c.begin - 2].kind == TokenKind::word) {
    c.begin -= 1;
    c.num.value = -c.num.value;
    c.num.negative = true;
    c.value = c.low = c.high = c.num.value;
  }
  attach_qualifiers(c);
  join_bounds(c);
  attach_rate(c);
  if (c.num.shape == NumeralShape::share) c.is_share = true;
  if (c.num.simple_fraction && !c.unit && c.currency.empty()) {
    // "1/4 of the budget" is a share; "3/4" alone may be a date or a name
    // ("9/11"), but a fraction sign ("the result is ¾") is a fraction.
    if (!is(tt_, c.end, "of") && tt_.tokens[c.num.begin].kind != TokenKind::symbol) return std::nullopt;
    c.is_share = true;
    c.value *= 100;
    c.low *= 100;
    c.high *= 100;
  }
  next = std::max(next, c.end);
  if (not_a_quantity(c)) return std::nullopt;
  return c;
}

// "1 hour 30 minutes", "2 hours and 15 minutes", "1h30m", "12m 30s": a
// duration given in parts is one figure, in its smallest unit (90 min, 135
// min, 90 min, 750 s), so that it compares with "90 minutes"; so are a
// length or a weight in parts ("5 feet 8 inches" is 68 in, "3 lbs 4 oz" 52
// oz). Parts go from larger to smaller units of one dimension; a part with
// decimals is the last. A glued "m" next to a duration part is minutes, not
// metres or millions.
void Scanner::join_parts(Candidate& c) const {
  static const UnitWord minute{"min", "duration", 60, 0};
  if (!c.unit || c.num2 || c.qualifier == Qualifier::vague || !c.currency.empty()) return;
  if (c.num.shape != NumeralShape::digits || tt_.tokens[c.num.begin].decimals > 0) return;  // "2.5 hours" is whole
  const bool glued_m = c.unit->unit == "m" && c.end > c.num.begin + 1 && tt_.str(c.end - 1) == "m" &&
                       glued(tt_, c.end - 1);  // "12m 30s"
  const UnitWord* smallest = glued_m ? &minute : c.unit;
  const std::string_view dimension = smallest->dimension;
  if (dimension != "duration" && dimension != "length" && dimension != "mass") return;
  double base = c.value * smallest->factor;  // in the dimension's base unit
  std::size_t k = c.end;
  bool joined = false;
  for (int part = 0; part < 3; ++part) {
    std::size_t j = k;
    if (is(tt_, j, "and") || tt_.str(j) == ",") ++j;
    if (j >= tt_.size() || tt_.tokens[j].break_before || tt_.tokens[j].kind != TokenKind::number) break;
    const Token& n = tt_.tokens[j];
    if (n.grouped || n.exponent || n.leading_zero) break;
    const std::size_t u = j + 1;
    const UnitWord* w = nullptr;
    std::size_t after = u;
    if (dimension == "duration" && u < tt_.size() && glued(tt_, u) && tt_.str(u) == "m") {
      w = &minute;
      after = u + 1;
    } else if (auto m = lex_.units.match_at(tt_, u)) {
      w = m->value;
      after = u + m->length;
    }
    if (!w || w->dimension != dimension || !(w->factor < smallest->factor) || w->offset != 0) break;
    if (is_kind(tt_, after, TokenKind::word) && glued(tt_, after)) break;
    base += n.value * w->factor;
    smallest = w;
    k = after;
    joined = true;
    if (n.decimals > 0) break;
  }
  if (!joined) return;
  c.value = c.low = c.high = c.num.value = base / smallest->factor;
  c.unit = smallest;
  c.end = k;
}

// "3.5m barrels" is 3.5 million; "1.8m tall" is 1.8 metres. Lowercase "m"
// glued to digits is a million with money or next to a counted noun, else
// metres; "MM" is a million with money, else millimetres.
bool Scanner::resolve_m_suffix(Candidate& c) const {
  if (!c.currency.empty()) return true;
  std::size_t k = c.end;
  // Finance's "MM" is a million only as money ("$2MM", "2MM dollars");
  // "35MM film" is millimetres.
  if (c.num.suffix == "MM") {
    if (auto cur = lex_.currencies.match_at(tt_, k); cur && cur->value->after) return true;
    static const UnitWord millimetre{"mm", "length", 0.001, 0};
    unscale(c, &millimetre);
    return true;
  }
  bool noun_follows = is_kind(tt_, k, TokenKind::word) && !tt_.tokens[k].break_before &&
                      !lex_.stops.contains(tt_, k) && !lex_.measures.match_at(tt_, k);
  if (noun_follows) return true;
  if (auto cur = lex_.currencies.match_at(tt_, k); cur && cur->value->after) return true;
  // "a population of 1.4m", "a crowd of 2m": a counted noun before "of";
  // "a height of 1.8m" names a measure and stays in metres.
  const std::size_t b = c.begin;
  if (b >= 2 && is(tt_, b - 1, "of") && lex_.noun(tt_, b - 2) && !lex_.measures.match_ending(tt_, b - 1, 0))
    return true;
  static const UnitWord metre{"m", "length", 1, 0};
  unscale(c, &metre);
  return true;
}

// Takes back the million a suffix read as a scale and makes it `unit`.
void Scanner::unscale(Candidate& c, const UnitWord* unit) {
  c.num.value /= 1e6;
  c.value = c.num.value;
  c.low /= 1e6;
  c.high /= 1e6;
  c.num.scaled = false;
  c.num.multiplier = 1;
  c.num.suffix = {};
  c.unit = unit;
}

// Whether a comparison starts at token k, making "N times" before it a ratio:
// "3 times faster", "3 times more", "3 times as many", "3 times the size".
bool Scanner::comparison_at(std::size_t k) const {
  if (!is_kind(tt_, k, TokenKind::word) || tt_.tokens[k].break_before) return false;
  std::string_view w = tt_.low(k);
  if (w == "more" || w == "less" || w == "fewer" || w == "as" || w == "the" || w == "that") return true;
  return w.size() > 4 && w.ends_with("er") && !lex_.stops.contains(tt_, k);  // "faster", not "over"
}

// A word of `cues` near the figure in its sentence: among the `back` tokens
// before token `begin`, or the `ahead` tokens from token `after`. With
// `clause`, a ";" ends the search too.
bool Scanner::cue_near(const WordSet& cues, std::size_t begin, std::size_t back, std::size_t after,
                       std::size_t ahead, bool clause) const {
  auto ends = [&](std::size_t p) {
    std::string_view w = tt_.str(p);
    return w == "." || w == "!" || w == "?" || (clause && w == ";");
  };
  const std::size_t floor = begin > back ? begin - back : 0;
  for (std::size_t p = begin; p > floor; --p) {
    if (ends(p - 1) || tt_.tokens[p].break_before) break;
    if (cues.contains(tt_, p - 1)) return true;
  }
  for (std::size_t p = after; p < tt_.size() && p < after + ahead; ++p) {
    if (ends(p) || tt_.tokens[p].break_before) break;
    if (cues.contains(tt_, p)) return true;
  }
  return false;
}

// A money word shortly before the figure, in its clause: "it cost 450 pounds".
bool Scanner::money_context(std::size_t begin) const { return cue_near(lex_.money_cues, begin, 6, 0, 0, true); }

// A temperature word near the figure, in its sentence: "temperatures reached 40C".
bool Scanner::temperature_context(std::size_t begin) const {
  return cue_near(lex_.temperature_cues, begin, 8, begin + 1, 5, false);
}

// A weight word near the figure in its sentence, before it or after its unit
// (which ends at `after`): "a metric ton is 2,204.62 pounds", "5,000 pounds of cargo".
bool Scanner::mass_context(std::size_t begin, std::size_t after) const {
  return cue_near(lex_.mass_cues, begin, 10, after, 4, false);
}

// The word after a hyphen glued on both sides at k ("10-gallon"), or 0. Only
// words of two letters or more: "4-H" or "3-D" are names, not units.
std::size_t Scanner::hyphenated_word(std::size_t k) const {
  if (!is(tt_, k, "-") || !glued(tt_, k) || !glued(tt_, k + 1)) return 0;
  if (!is_kind(tt_, k + 1, TokenKind::word) || tt_.str(k + 1).size() < 2) return 0;
  return k + 1;
}

void Scanner::attach_currency_before(Candidate& c) const {
  std::size_t b = c.begin;
  if (b <= c.floor) return;
  // "$5", "US$ 5", "c $ 300", "€5"
  if (auto m = lex_.currencies.match_ending(tt_, b, c.floor); m && m->value->before) {
    c.currency = m->value->code;
    c.begin = b - m->length;
    c.num.value /= 1.0 / m->value->subunit;  // "¢50" is half a dollar (divided: see take_currency)
    return;
  }
  // ISO code before: "USD 450,000", "USD115", "MAUD 60" (millions of AUD).
  const Token& t = tt_.tokens[b - 1];
  if (t.kind == TokenKind::word && !tt_.tokens[b].break_before) {
    CodeBuffer buffer;
    std::string_view code = upper_code(tt_.str(b - 1), buffer);
    double scale = 1;
    if (code.size() == 4 && (code[0] == 'M' || code[0] == 'K') && tt_.str(b - 1)[0] == code[0] &&
        lex_.is_currency_code(code.substr(1))) {
      scale = code[0] == 'M' ? 1e6 : 1e3;
      code = code.substr(1);
    }
    bool upper_or_lower = t.all_upper || (tt_.str(b - 1) == tt_.low(b - 1) && lowercase_code_ok(code));
    if (code.size() == 3 && upper_or_lower && lex_.is_currency_code(code)) {
      c.currency = code;
      c.begin = b - 1;
      c.num.value *= scale;
      if (scale != 1) c.num.scaled = true;
    }
  }
}

// The currency word after the figure, ending at `end`; coins count in their
// currency ("12 cents" is 0.12 USD).
void Scanner::take_currency(Candidate& c, const CurrencyWord& w, std::size_t end) const {
  c.currency = w.code;
  c.end = end;
  if (w.subunit != 1) {
    // Divided by 100 rather than multiplied by 0.01, which is inexact:
    // 7 * 0.01 is 0.07000000000000001, 7 / 100.0 is 0.07.
    const double per_unit = 1.0 / w.subunit;
    c.value /= per_unit;
    c.low /= per_unit;
    c.high /= per_unit;
    c.num.value /= per_unit;
  }
}

bool Scanner::attach_currency_after(Candidate& c) const {
  std::size_t k = c.end;
  if (k >= tt_.size() || tt_.tokens[k].break_before) return false;
  // "tens of millions of dollars": a vague number names its currency after "of".
  if (c.num.shape == NumeralShape::vague && is(tt_, k, "of") && k + 1 < tt_.size() &&
      !tt_.tokens[k + 1].break_before) {
    if (auto m = lex_.currencies.match_at(tt_, k + 1); m && m->value->after) {
      take_currency(c, *m->value, k + 1 + m->length);
      return true;
    }
  }
  if (auto m = lex_.currencies.match_at(tt_, k); m && m->value->after) {
    // "5 dollar" yes; "the dollar" no: only right after the figure.
    take_currency(c, *m->value, k + m->length);
    return true;
  }
  // "a one-yen bid", "a 10-dollar note": the currency word hyphenated to the figure.
  if (std::size_t w = hyphenated_word(c.end)) {
    if (auto m = lex_.currencies.match_at(tt_, w); m && m->value->after) {
      take_currency(c, *m->value, w + m->length);
      return true;
    }
  }
  const Token& t = tt_.tokens[k];
  if (t.kind == TokenKind::word && (t.all_upper || tt_.str(k) == tt_.low(k))) {
    CodeBuffer buffer;
    std::string_view code = upper_code(tt_.str(k), buffer);
    double scale = 1;
    if (code.size() == 4 && t.all_upper && (code[0] == 'M' || code[0] == 'K') &&
        lex_.is_currency_code(code.substr(1))) {
      scale = code[0] == 'M' ? 1e6 : 1e3;
      code = code.substr(1);
    }
    // A lowercase code after a figure ("20 usd") but not words like "try" or "all".
    bool lower_ok = !t.all_upper && lowercase_code_ok(code);
    if (code.size() == 3 && (t.all_upper || lower_ok) && lex_.is_currency_code(code)) {
      c.currency = code;
      c.end = k + 1;
      // "75 USD million": the scale after the code.
      if (const NumberWord* nw = lex_.number_word(tt_, k + 1);
          nw && nw->kind == NumberKind::scale && !c.num.scaled && !tt_.tokens[k + 1].break_before) {
        scale *= nw->value;
        c.end = k + 2;
      }
      if (scale != 1) {
        c.value *= scale;
        c.low *= scale;
        c.high *= scale;
        c.num.value *= scale;
        c.num.scaled = true;
      }
      return true;
    }
  }
  return false;
}

// "pounds" after a figure is money when a scale word or money context says so.
bool Scanner::pounds_are_money(const Candidate& c, const UnitWord* u, std::size_t k) const {
  if (u->unit != "lb" || tt_.low(k).rfind("pound", 0) != 0) return false;
  if (money_context(c.begin)) return true;
  return (c.num.scaled || c.num.value >= 1000) && !mass_context(c.begin, k + 1);
}

bool Scanner::attach_unit(Candidate& c) const {
  std::size_t k = c.end;
  if (k >= tt_.size() || tt_.tokens[k].break_before) return false;
  // "20 (kg)", "20 [kg]"
  std::size_t open = 0;
  std::string_view o = tt_.str(k);
  if ((o == "(" || o == "[" || o == "{" || o == "<") && k + 1 < tt_.size()) open = 1;
  // "a 10-gallon cooler", "a 2.5-mile stretch": the unit word hyphenated to the figure.
  if (std::size_t w = hyphenated_word(k)) {
    if (auto hm = lex_.units.match_at(tt_, w)) {
      std::size_t after = w + hm->length;
      if (!(is_kind(tt_, after, TokenKind::word) && glued(tt_, after))) {
        c.unit = hm->value;
        c.end = after;
        return true;
      }
    }
  }
  // "thousands of tonnes", "hundreds of miles": a vague number names its unit after "of".
  if (c.num.shape == NumeralShape::vague && is(tt_, k, "of") && k + 1 < tt_.size() &&
      !tt_.tokens[k + 1].break_before) {
    if (auto vm = lex_.units.match_at(tt_, k + 1)) {
      const std::size_t after = k + 1 + vm->length;
      if (tt_.tokens[k + 1].kind == TokenKind::word && !(is_kind(tt_, after, TokenKind::word) && glued(tt_, after))) {
        c.end = after;
        if (pounds_are_money(c, vm->value, k + 1)) c.currency = "GBP";
        else c.unit = vm->value;
        return true;
      }
    }
  }
  // 5'8", 5′8″: feet and inches, one length in inches.
  if (!c.num2 && c.num.plain_integer && glued(tt_, k) && is_kind(tt_, k + 1, TokenKind::number) &&
      glued(tt_, k + 1) && tt_.tokens[k + 1].decimals == 0 && !tt_.tokens[k + 1].grouped &&
      tt_.tokens[k + 1].value < 12 && k + 2 < tt_.size() &&
      glued(tt_, k + 2)) {
    const std::string_view feet = tt_.str(k), inches = tt_.str(k + 2);
    if ((feet == "'" || feet == "\u2032" || feet == "\u2019") &&
        (inches == "\"" || inches == "\u2033" || inches == "\u201d" || inches == "''")) {
      static const UnitWord inch{"in", "length", 0.0254, 0};
      c.value = c.low = c.high = c.num.value = c.num.value * 12 + tt_.tokens[k + 1].value;
      c.unit = &inch;
      c.end = k + 3;
      return true;
    }
  }
  auto m = lex_.units.match_at(tt_, k + open);
  // "the man, aged 45,": an age in years, the lexicon's own "years".
  if (!m && c.begin > c.floor && is(tt_, c.begin - 1, "aged") && c.num.shape != NumeralShape::share) {
    static const UnitWord* const years = [&lex = lex_] {
      const TokenizedText word = tokenize("years");
      auto y = lex.units.match_at(word, 0);
      return y ? y->value : nullptr;
    }();
    if (years == nullptr) return false;
    c.unit = years;
    return true;
  }
  if (!m) {
    // 10 " long: inches, only when what follows says it is a measurement.
    if (tt_.str(k) == "\"" && c.currency.empty() && (lex_.measures.match_at(tt_, k + 1))) {
      static const UnitWord inch{"in", "length", 0.0254, 0};
      c.unit = &inch;
      c.end = k + 1;
      return true;
    }
    return false;
  }
  std::size_t after = k + open + m->length;
  // A unit must end at a word boundary: "5 mini" is not minutes.
  if (is_kind(tt_, after, TokenKind::word) && glued(tt_, after)) return false;
  // "24703L202" is a code, but "1h30m" a duration in parts (join_parts).
  const bool duration_part = m->value->dimension == "duration" && after + 1 < tt_.size() &&
                             glued(tt_, after + 1) && tt_.tokens[after + 1].kind == TokenKind::word &&
                             (tt_.str(after + 1) == "m" || lex_.units.match_at(tt_, after + 1));
  if (is_kind(tt_, after, TokenKind::number) && glued(tt_, after) && !duration_part) return false;
  if (open) {
    std::string_view cl = after < tt_.size() ? tt_.str(after) : "";
    bool closes = (o == "(" && cl == ")") || (o == "[" && cl == "]") || (o == "{" && cl == "}") ||
                  (o == "<" && cl == ">");
    if (!closes) return false;
    ++after;
  }
  const UnitWord* u = m->value;
  if (u->dimension == "ratio" && is(tt_, k + open, "times") && !comparison_at(after)) return false;
  // "not one bit", "a little bit": bits are counted in digits.
  if (u->unit == "bit" && c.num.shape == NumeralShape::words) return false;
  // "40C" is degrees only when the weather is being talked about: "777F" and "13F" are names.
  std::string_view first_word = tt_.str(k + open);
  if ((first_word == "C" || first_word == "F") && m->length == 1 && !temperature_context(c.begin))
    return false;
  if (pounds_are_money(c, u, k)) {
    c.currency = "GBP";
    c.end = after;
    return true;
  }
  // A single-letter unit spaced from its figure is too ambiguous ("5 s"), but
  // "°", "%" and glued units are fine.
  std::string_view first = tt_.str(k + open);
  // ... except alone in a table cell: "| timeout | 60 s |".
  const bool cell_end = after < tt_.size() && tt_.str(after) == "|";
  if (!glued(tt_, k) && !open && m->length == 1 && first.size() == 1 && first != "%" &&
      first != "m" && first != "t" && first != "L" && first != "l" && first != "g" && !cell_end)
    return false;
  if (!glued(tt_, k) && !open && m->length == 1 && (first == "l" || first == "L" || first == "g" || first == "t") &&
      is_kind(tt_, after, TokenKind::word))
    return false;
  c.unit = u;
  c.end = after;
  return true;
}

// "greater than 100 and smaller than 300", "at least 45 and as many as 60",
// "at most 100 and at least 20": a lower and an upper bound joined by "and"
// are one range, as "between 100 and 300" is. The second bound may repeat
// the first one's unit ("above 10 km and below 15 km"), and no other.
void Scanner::join_bounds(Candidate& c) const {
  const auto lower = [](Qualifier q) { return q == Qualifier::more_than || q == Qualifier::at_least; };
  const auto upper = [](Qualifier q) { return q == Qualifier::less_than || q == Qualifier::at_most; };
  if (c.num2 || !(lower(c.qualifier) || upper(c.qualifier)) || !is(tt_, c.end, "and") ||
      tt_.tokens[c.end].break_before || !c.currency.empty())
    return;
  const std::size_t k = c.end + 1;
  auto m = lex_.qualifiers_before.match_at(tt_, k);
  if (!m || !(lower(c.qualifier) ? upper(m->value->qualifier) : lower(m->value->qualifier))) return;
  auto n2 = numeral_at(k + m->length);
  if (!n2 || (n2->shape != NumeralShape::digits && n2->shape != NumeralShape::words) || n2->scaled != c.num.scaled)
    return;
  std::size_t end = n2->end;
  if (c.unit) {
    auto u = lex_.units.match_at(tt_, end);
    if (u && u->value->unit == c.unit->unit) end += u->length;
  } else if (lex_.units.match_at(tt_, end) || lex_.currencies.match_at(tt_, end)) {
    return;  // "more than 5 and less than 10 km": the ends differ in what they measure
  }
  const double a = lower(c.qualifier) ? c.value : n2->value;
  const double b = lower(c.qualifier) ? n2->value : c.value;
  if (!(a < b)) return;
  c.num2 = n2;
  c.qualifier = Qualifier::range;
  c.low = a;
  c.high = b;
  c.has_low = c.has_high = true;
  c.value = a / 2 + b / 2;
  c.end = end;
  c.bounds = true;
}

bool Scanner::attach_range(Candidate& c) const {
  std::size_t k = c.end;
  if (k >= tt_.size() || tt_.tokens[k].break_before) return false;
  bool between = c.begin > c.floor && is(tt_, c.begin - 1, "between");
  bool from = c.begin > c.floor && is(tt_, c.begin - 1, "from");
  std::size_t joiner_len = 0;
  bool dash = false;
  if (between && is(tt_, k, "and")) joiner_len = 1;
  else if (is(tt_, k, "to") || is(tt_, k, "through") || is(tt_, k, "thru")) joiner_len = 1;
  else if (tt_.str(k) == "~" && glued(tt_, k) && glued(tt_, k + 1)) joiner_len = 1;  // "20~100", as in East Asian usage
  else if (is_dash(tt_, k)) {
    joiner_len = 1;
    dash = true;
  } else if (is(tt_, k, "and") && is(tt_, k + 1, "up")) return false;
  if (joiner_len == 0) return false;
  // A unit may stand on the first end too: "3 km to 5 km", "$3 to $4".
  std::size_t j = k + joiner_len;
  if (auto m = lex_.currencies.match_at(tt_, j); m && m->value->before && !c.currency.empty() &&
                                                 m->value->code == c.currency) {
    j += m->length;
  }
  auto n2 = numeral_at(j);
  if (!n2 || n2->shape == NumeralShape::share) return false;
  // A range never reaches across a paragraph break ("1 to\n\n2") or the
  // end of a sentence ("1 to. 2").
  for (std::size_t t = k; t < n2->end && t < tt_.size(); ++t) {
    if (tt_.tokens[t].break_before) return false;
    if (t < n2->begin) {
      std::string_view w = tt_.str(t);
      if (w == "." || w == "!" || w == "?" || w == ";") return false;
    }
  }
  if (dash) {
    // "2,000-3,000" and "2,000 – 3,000", but not "1995-01", "COVID-19", phone numbers.
    if (!glued(tt_, k) && glued(tt_, j)) return false;
    if (is_dash(tt_, n2->end) && is_kind(tt_, n2->end + 1, TokenKind::number)) return false;
    if (n2->begin < tt_.size() && tt_.tokens[n2->begin].leading_zero) return false;
  }
  double a = c.num.value;
  double b = n2->value;
  // "15 to 20 million", "between 10 and 12 thousand", "$3-4 million": the
  // scale of the upper end applies to the lower one when it has none.
  if (!c.num.scaled && n2->scaled && n2->multiplier > 1 && a * n2->multiplier <= b * 1.0000001)
    a *= n2->multiplier;
  bool year_range = year_like(tt_.tokens[c.num.begin]) && n2->plain_integer &&
                    year_like(tt_.tokens[n2->begin]);
  if (year_range) return false;
  if (!(a < b)) return false;  // "from 10 to 5": two figures, not a range
  // "rose $2 to $85", "fell 3% to 4,300": the amount of a change, then the new value.
  if (!between && !from && joiner_len == 1 && is(tt_, k, "to") && c.begin > c.floor &&
      lex_.change_verbs.contains(tt_, c.begin - 1))
    return false;
  // "rose from 45 to 78": a change, two figures; the first is the old value.
  if (from && ((c.begin >= 2 && lex_.change_verbs.contains(tt_, c.begin - 2)) ||
               (c.begin >= 3 && lex_.change_verbs.contains(tt_, c.begin - 3)))) {
    c.change_from = true;
    return false;
  }
  if (c.num.shape == NumeralShape::vague || n2->shape == NumeralShape::vague) return false;
  c.num2 = n2;
  c.qualifier = Qualifier::range;
  c.qualified = true;
  c.low = a;
  c.high = b;
  c.value = a / 2 + b / 2;  // not (a + b) / 2: that overflows near the top of double's range
  c.end = n2->end;
  if (between || from) c.begin -= 1;
  return true;
}

// "€50 billion in aid over four years", "sales fell over three days": "over"
// before a duration says across what time, not "more than"; but "it lasted
// over 3 hours", "for over a year", "took over 2 hours" and "over 3 hours
// long" are more than.
template <class Match>
bool Scanner::over_a_span(const Candidate& c, const Match& m) const {
  if (m.value->qualifier != Qualifier::more_than || m.length != 1 || !is(tt_, c.begin - 1, "over")) return false;
  if (!c.unit || c.unit->dimension != "duration") return false;
  const std::size_t w = c.begin - 1;
  if (w > c.floor) {
    const std::string_view before = tt_.low(w - 1);
    if (before == "for" || before == "lasted" || before == "lasts" || before == "last" || before == "took" ||
        before == "takes" || before == "spent" || before == "waited" || before == "after" || before == "is" ||
        before == "was" || before == "of")
      return false;
  }
  return !lex_.measures.match_at(tt_, c.end);  // "over 3 hours long"
}

void Scanner::attach_qualifiers(Candidate& c) const {
  // After: "3,000+", "200 or more", "5,000 or less", "30 or so".
  if (c.qualifier != Qualifier::range) {
    if (auto m = lex_.qualifiers_after.match_at(tt_, c.end); m && !tt_.tokens[c.end].break_before) {
      bool plus = tt_.str(c.end) == "+";
      std::size_t after = c.end + m->length;
      bool ok = plus ? glued(tt_, c.end) && !is_kind(tt_, c.end + 1, TokenKind::number)
                     // "5000 or less than 6000", "5000 or more 6000": "or" joins
                     // a second figure; it does not qualify this one.
                     : !is(tt_, after, "than") && !numeral_at(after);
      if (ok) {
        c.qualifier = m->value->qualifier;
        c.qualified = true;
        c.end = after;
      }
    }
  }
  if (c.qualifier == Qualifier::range || c.qualifier == Qualifier::vague) {
    // "about 15 to 20" keeps the range; the words before are not a bound.
    if (auto m = lex_.qualifiers_before.match_ending(tt_, c.begin, c.floor);
        m && m->value->qualifier == Qualifier::approximate)
      c.begin -= m->length;
    return;
  }
  if (auto m = lex_.qualifiers_before.match_ending(tt_, c.begin, c.floor); m && !over_a_span(c, *m)) {
    // Qualified on both sides ("at least 200 or more"): the words after it win.
    if (!c.qualified || c.qualifier == Qualifier::exact) {
      c.qualifier = m->value->qualifier;
      c.qualified = true;
    }
    c.begin -= m->length;
  }
  // "more than 5000 or equal (to)", "less than 5000 or equal"
  if ((c.qualifier == Qualifier::more_than || c.qualifier == Qualifier::less_than) &&
      is(tt_, c.end, "or") && (is(tt_, c.end + 1, "equal") || is(tt_, c.end + 1, "equals"))) {
    std::size_t e = c.end + 2;
    // "more than 5000 or equal to 6000" is two figures; "or equal to it" is one bound.
    bool joins = false;
    if (is(tt_, e, "to")) {
      joins = numeral_at(e + 1).has_value();
      if (!joins) {
        ++e;
        if (is(tt_, e, "it")) ++e;
      }
    } else {
      joins = numeral_at(e).has_value();
    }
    if (!joins) {
      c.qualifier = c.qualifier == Qualifier::more_than ? Qualifier::at_least : Qualifier::at_most;
      c.end = e;
    }
  }
  // "equal to 5000 or less" / "equal to 5000 or more than"
  switch (c.qualifier) {
    case Qualifier::at_least:
    case Qualifier::more_than:
      c.has_high = false;
      break;
    case Qualifier::at_most:
    case Qualifier::less_than:
      c.has_low = false;
      break;
    default:
      break;
  }
}

// A rate's denominator at token k: "a day", "per year", "/h"; not "a day
// earlier" or "a year ago", which say when.
std::optional<std::pair<std::string, std::size_t>> rate_at(const TokenizedText& tt, std::size_t k,
                                                           const Lexicon& lex) {
  auto m = lex.rates.match_at(tt, k);
  if (!m || tt.tokens[k].break_before) return std::nullopt;
  std::string_view n = tt.low(k + m->length);
  if (n == "ago" || n == "earlier" || n == "later" || n == "before" || n == "after" || n == "old" ||
      n == "long")
    return std::nullopt;
  return std::make_pair(*m->value, m->length);
}

void Scanner::attach_rate(Candidate& c) const {
  std::size_t k = c.end;
  if (auto m = rate_at(tt_, k, lex_)) {
    // "per cent" is a unit, not a rate; units were attached first.
    c.rate = m->first;
    c.end = k + m->second;
  }
}

// An age used as an adjective after the number ending at token e: the unit
// singular, hyphenated ("15-year-old", "28 - year - old") or before its noun
// ("a 90 day old bill"); "45 years old" and "one year old." are ages, figures.
bool Scanner::age_adjective_at(std::size_t e) const {
  std::size_t k = e;
  bool hyphenated = false;
  if (is_dash(tt_, k)) {
    ++k;
    hyphenated = true;
  }
  std::string_view w = k < tt_.size() ? tt_.low(k) : std::string_view();
  if (w != "year" && w != "month" && w != "week" && w != "day") return false;
  ++k;
  if (is_dash(tt_, k)) {
    ++k;
    hyphenated = true;
  }
  if (!is(tt_, k, "old") && !is(tt_, k, "olds")) return false;
  // Unhyphenated, only before the noun it describes: "a promise that is one
  // year old" states an age.
  return hyphenated || (is_kind(tt_, k + 1, TokenKind::word) && !tt_.tokens[k + 1].break_before);
}

// Years, dates, times, ordinals, ages used as adjectives and identifiers.
bool Scanner::not_a_quantity(const Candidate& c) const {
  const std::size_t b = c.num.begin;
  const std::size_t e = c.num2 ? c.num2->end : c.num.end;
  const Token& first = tt_.tokens[b];
  const bool has_unit = c.unit || !c.unit_override.empty() || !c.currency.empty();
  const bool digits = first.kind == TokenKind::number;
  std::size_t before = c.begin;  // the token before the figure's span

  // Glued to letters on the left: "BA287", "A320", "MH17", "scp173"; a currency code is fine.
  if (digits && b > 0 && glued(tt_, b) && !c.num.negative) {
    const Token& p = tt_.tokens[b - 1];
    if (p.kind == TokenKind::word && c.currency.empty()) return true;
    // "COVID-19", "F-16", "SCP-173": word, hyphen, digits.
    if (is_dash(tt_, b - 1) && b >= 2 && glued(tt_, b - 1) && tt_.tokens[b - 2].kind == TokenKind::word)
      return true;
    if (p.kind == TokenKind::number) return true;  // "1.2.3", "3:1"
    // "1111-22223333-4444", "3-1": digits hyphenated to digits that did not make a range.
    if (is_dash(tt_, b - 1) && b >= 2 && glued(tt_, b - 1) && tt_.tokens[b - 2].kind == TokenKind::number)
      return true;
    if (tt_.str(b - 1) == "#" || tt_.str(b - 1) == "@" || tt_.str(b - 1) == "." ||
        tt_.str(b - 1) == "/" || tt_.str(b - 1) == "_" || tt_.str(b - 1) == "\\")
      return true;
    if (tt_.str(b - 1) == ":" && b >= 2 && tt_.tokens[b - 2].kind == TokenKind::number) return true;
  }
  // "+1-222-2222-2222": a leading + and hyphenated groups.
  if (digits && b > 0 && tt_.str(b - 1) == "+" && glued(tt_, b)) return true;

  // Glued on the right to what is not a unit: "4th", "777F", "13F", "1990s", "221B", "24703L202".
  if (e < tt_.size() && glued(tt_, e) && c.end == e) {
    const Token& n = tt_.tokens[e];
    if (n.kind == TokenKind::word) return true;
    if (n.kind == TokenKind::number) return true;
    std::string_view s = tt_.str(e);
    // "3.2.1", "192.168.0.1", "10:30", "5/17", "1995-01"
    if ((s == "." || s == ":" || s == "/") && is_kind(tt_, e + 1, TokenKind::number) &&
        glued(tt_, e + 1))
      return true;
    if (is_dash(tt_, e) && is_kind(tt_, e + 1, TokenKind::number) && glued(tt_, e + 1)) return true;
    if (is_dash(tt_, e) && is_kind(tt_, e + 1, TokenKind::word) && glued(tt_, e + 1)) {
      // "a six-figure salary", "double-digit growth": how long a number is, not a figure.
      std::string_view w = tt_.low(e + 1);
      if (w == "figure" || w == "figures" || w == "digit" || w == "digits") return true;
    }
  }
  if (age_adjective_at(e)) return true;
  // Decades: "the 1990s", "1980's", "the '80s", "mid-90s", "early 2000s". The
  // "s" would read as seconds. A round year glued to it is a decade; so are
  // two round digits, and a round century ("1800s", which could be 30
  // minutes), after an apostrophe, "the" or "mid-"/"early"/"late".
  if (digits && first.decimals == 0 && !first.grouped && first.value == std::floor(first.value / 10) * 10 &&
      e < tt_.size() && glued(tt_, e)) {
    const std::string_view s = tt_.low(e);
    const bool plural = s == "s" || s == "'s" || s == "\u2019s" ||
                        ((s == "'" || s == "\u2019") && glued(tt_, e + 1) && is(tt_, e + 1, "s"));
    bool named = false;  // by a word before it
    if (b > 0) {
      std::size_t p = b - 1;
      if (is_dash(tt_, p) && p > 0) --p;  // "mid-90s"
      const std::string_view w = tt_.low(p);
      named = w == "'" || w == "\u2019" || w == "the" || w == "mid" || w == "early" || w == "late";
    }
    const bool century = first.value == std::floor(first.value / 100) * 100;
    if (plural && ((year_like(first) && (!century || named)) || (first.int_digits == 2 && named))) return true;
  }
  // Digits with a leading zero ("007", "01") are codes or date parts.
  if (digits && first.leading_zero && !c.unit && c.currency.empty()) return true;

  // Times: "10:30", "6pm", "2 p.m.", "at 6 o'clock".
  if (digits && (is(tt_, e, "am") || is(tt_, e, "pm") || is(tt_, e, "a.m") || is(tt_, e, "p.m") ||
                 (is(tt_, e, "a") && is(tt_, e + 1, ".") && is(tt_, e + 2, "m")) ||
                 (is(tt_, e, "p") && is(tt_, e + 1, ".") && is(tt_, e + 2, "m")) ||
                 is(tt_, e, "o'clock") || (is(tt_, e, "o") && is(tt_, e + 1, "'clock"))))
    return true;
  if (digits && is(tt_, e, ":") && is_kind(tt_, e + 1, TokenKind::number) && glued(tt_, e + 1))
    return true;

  // Dates: a month name next to a day number, ISO and slashed dates.
  if (digits && first.decimals == 0 && !has_unit && c.qualifier == Qualifier::exact) {
    bool day = first.value >= 1 && first.value <= 31 && first.int_digits <= 2;
    if (day && b > 0 && lex_.month(tt_, b - 1)) return true;  // "May 4", "October 17"
    if (day && b > 1 && tt_.str(b - 1) == "." && lex_.month(tt_, b - 2)) return true;  // "Oct. 5"
    if (day && lex_.month(tt_, e)) return true;                // "17 October"
    if (day && is(tt_, e, "of") && lex_.month(tt_, e + 1)) return true;  // "4th of July"
    if (year_like(first) && b > 0 && lex_.month(tt_, b - 1)) return true;  // "October 2024"
  }
  // Years: a bare four-digit number in 1000..2100 with nothing that makes it a
  // count (qualifier, unit, currency, scale, range of non-years).
  if (year_like(first) && !has_unit && !c.num.scaled && !c.qualified && !c.num.negative &&
      c.num.shape == NumeralShape::digits && !c.num2)
    return true;
  if (c.num2 && year_like(first) && year_like(tt_.tokens[c.num2->begin]) && !has_unit && !c.bounds) return true;

  // Identifiers after a cue word: "page 12", "section 3", "No. 5", "flight 287".
  if (digits && before > 0 && !has_unit && !c.qualified) {
    std::size_t p = before - 1;
    if (tt_.str(p) == "." && p > 0) --p;
    // ... but not a clitic after an apostrophe: "august ' s 2 . 0 billion".
    const bool clitic = p > 0 && (tt_.str(p - 1) == "'" || tt_.str(p - 1) == "\u2019");
    if (lex_.id_cues.contains(tt_, p) && !clitic && !tt_.tokens[b].break_before) return true;
    if (tt_.str(before - 1) == "#") return true;
    // A capitalised name right before a small bare integer: "Windows 11", "Apollo 13",
    // when nothing after it reads as a counted noun.
    const Token& p2 = tt_.tokens[before - 1];
    if (p2.kind == TokenKind::word && p2.upper_initial && c.num.plain_integer &&
        !lex_.stops.contains(tt_, before - 1) && !lex_.month(tt_, before - 1) &&
        before >= 2 && tt_.tokens[before - 2].kind == TokenKind::word &&
        !(e < tt_.size() && tt_.tokens[e].kind == TokenKind::word &&
          !tt_.tokens[e].upper_initial && !lex_.stops.contains(tt_, e)))
      return true;
    // "PA 23456": a postal code after a state code.
    if (p2.kind == TokenKind::word && p2.all_upper && tt_.str(before - 1).size() == 2 &&
        first.int_digits == 5 && !first.grouped)
      return true;
  }
  // Street numbers: "221 Baker Street", "123 Random Street".
  if (digits && c.num.plain_integer && !has_unit && !c.qualified) {
    std::size_t k = e;
    std::size_t caps = 0;
    while (k < tt_.size() && caps < 4 && tt_.tokens[k].kind == TokenKind::word &&
           tt_.tokens[k].upper_initial) {
      std::string_view w = tt_.low(k);
      if (w == "street" || w == "st" || w == "avenue" || w == "ave" || w == "road" || w == "rd" ||
          w == "boulevard" || w == "blvd" || w == "lane" || w == "drive" || w == "way" ||
          w == "square" || w == "place")
        return caps > 0;
      ++caps;
      ++k;
    }
  }
  // Footnote markers "[12]".
  if (digits && before > 0 && tt_.str(before - 1) == "[" && is(tt_, e, "]") && !has_unit)
    return true;

  // A lone "one" is a pronoun more often than a figure ("the one you mentioned").
  if (c.num.lone_word && !has_unit && !c.qualified && !c.is_share) {
    std::string_view w = tt_.low(b);
    if (w == "one") return true;
  }
  return false;
}

// RE2 finds what must never be read as figures: URLs, e-mail addresses, phone
// numbers, ISO dates. Their tokens are masked before scanning.
//
// RE2 is not run over the whole text but over windows around the tokens a
// match must contain: every match holds a digit, '@', ':' (of "://") or
// "www.", and never a whitespace character of RE2's \s except a space
// between digit groups of a phone number. So a match lies within one
// stretch of text between such whitespace, and a stretch without one of
// those tokens holds none; the windows cover every stretch that has one.
// Matches are the same as over the whole text, at a fraction of the bytes.
class Masker {
 public:
  Masker()
      : re_(R"((?i)((?:https?://|ftp://|www\.)[^\s<>"']+|[\w.+-]+@[\w-]+\.[\w.-]+|\+?\(?\d{1,4}\)?(?:[ .-]\d{2,4}){2,}\d|\b\d{4}-\d{2}-\d{2}(?:T[\d:.+-Z]+)?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b))",
            RE2::Quiet) {}
  bool ok() const { return re_.ok(); }

  void mask(const TokenizedText& tt, TokenMask& masked) const {
    // Only text with a digit is masked at all, as it always was: a URL in a
    // text without digits is read like the words around it.
    if (tt.numbers == 0) return;
    std::size_t ti = 0;  // the first token not behind the last match
    std::size_t k = 0;
    while (k < tt.size()) {
      if (!may_be_in_match(tt, k)) {
        ++k;
        continue;
      }
      const std::size_t begin = stretch_begin(tt.text, tt.tokens[k].begin);
      std::size_t end = stretch_end(tt.text, tt.tokens[k].end);
      // Windows close together are scanned as one: a call of RE2 costs more
      // than scanning a few bytes between them.
      for (++k; k < tt.size() && tt.tokens[k].begin < end + k_window_gap; ++k)
        if (may_be_in_match(tt, k)) end = std::max(end, stretch_end(tt.text, tt.tokens[k].end));
      if (may_mask(tt, begin, end)) mask_window(tt, begin, end, ti, masked);
    }
  }

 private:
  static constexpr std::size_t k_window_gap = 32;

  // Token k is a digit run, '@', ':' or a word ending in "www" (before its ".").
  static bool may_be_in_match(const TokenizedText& tt, std::size_t k) {
    const Token& t = tt.tokens[k];
    if (t.kind == TokenKind::number) return true;
    const char last = tt.lower[t.end - 1];
    if (t.kind == TokenKind::symbol) return t.end - t.begin == 1 && (last == '@' || last == ':');
    return last == 'w' && t.end - t.begin >= 3 && tt.low(t).ends_with("www");
  }

  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  // Whether text[i] ends a stretch: RE2's \s, except a space that a phone
  // number may hold (after a digit or ')', before a digit).
  static bool splits(std::string_view text, std::size_t i) {
    const char c = text[i];
    if (c == '\t' || c == '\n' || c == '\f' || c == '\r') return true;
    if (c != ' ') return false;
    return !(i > 0 && i + 1 < text.size() && (is_digit(text[i - 1]) || text[i - 1] == ')') &&
             is_digit(text[i + 1]));
  }
  static std::size_t stretch_begin(std::string_view text, std::size_t i) {
    while (i > 0 && !splits(text, i - 1)) --i;
    return i;
  }
  static std::size_t stretch_end(std::string_view text, std::size_t i) {
    while (i < text.size() && !splits(text, i)) ++i;
    return i;
  }

  // Whether a match in text[begin, end) can mask anything. Each that does
  // holds '@', '/', '(', '+', "www." or a '.' or '-' between digits (a ')'
  // before it): a phone number whose groups only spaces part is left alone
  // (mask_window). Most windows are plain figures ("500", "1,200"), which
  // this byte scan answers without a call of RE2.
  static bool may_mask(const TokenizedText& tt, std::size_t begin, std::size_t end) {
    const std::string_view w(tt.lower.data() + begin, end - begin);  // lowercase: "WWW." too
    for (std::size_t i = 0; i < w.size(); ++i) {
      const char c = w[i];
      if (c == '@' || c == '/' || c == '(' || c == '+') return true;
      if (c == 'w' && w.substr(i, 4) == "www.") return true;
      if ((c == '.' || c == '-') && i > 0 && (is_digit(w[i - 1]) || w[i - 1] == ')') &&
          i + 1 < w.size() && is_digit(w[i + 1]))
        return true;
    }
    return false;
  }

  void mask_window(const TokenizedText& tt, std::size_t begin, std::size_t end, std::size_t& ti,
                   TokenMask& masked) const {
    re2::StringPiece input(tt.text.data() + begin, end - begin);
    re2::StringPiece m;
    // What FindAndConsume(&input, re_, &m) does, without its argument
    // parsing and without asking for the group (the whole match is the
    // group), which lets RE2 answer from its DFA alone.
    while (re_.Match(input, 0, input.size(), RE2::UNANCHORED, &m, 1)) {
      input.remove_prefix(static_cast<std::size_t>(m.data() + m.size() - input.data()));
      auto b = static_cast<std::size_t>(m.data() - tt.text.data());
      auto e = b + m.size();
      if (m.empty()) {
        if (input.empty()) break;
        input.remove_prefix(1);
        continue;
      }
      // Phone-like matches need three or more digit groups and no spaces-only
      // grouping of a plain number ("40 000 000" is a number).
      std::string_view s(m.data(), m.size());
      bool url_or_mail = s.find("://") != std::string_view::npos || s.find('@') != std::string_view::npos ||
                         (s.size() > 4 && (s[0] == 'w' || s[0] == 'W'));
      bool phone_like = !url_or_mail && s.find('-') == std::string_view::npos &&
                        s.find('/') == std::string_view::npos && s.find('.') == std::string_view::npos &&
                        s.find('(') == std::string_view::npos && s.find('+') == std::string_view::npos;
      if (phone_like) continue;  // only spaces between groups: leave it to the number scanner
      while (ti < tt.size() && tt.tokens[ti].end <= b) ++ti;
      for (std::size_t k = ti; k < tt.size() && tt.tokens[k].begin < e; ++k) masked[k] = 1;
    }
  }

  RE2 re_;
};

// Line and column of raw offsets, counted incrementally as they come in
// increasing order (LineIndex::at counts from the start of the line on each
// call, which is quadratic on one very long line). An offset behind the last
// one, which is rare, is answered by a LineIndex built the first time.
class PositionCursor {
 public:
  explicit PositionCursor(std::string_view raw) : raw_(raw) {}

  LineIndex::Position at(std::size_t offset) {
    offset = std::min(offset, raw_.size());
    if (offset < pos_) {
      if (!lines_) lines_.emplace(raw_);
      return lines_->at(offset);
    }
    // Whole-range counts: the lines passed, then the characters (bytes that
    // are not UTF-8 continuations) since the last line break. Plain loops
    // into a local count, which GCC vectorizes (std::count and count_if it
    // left a byte at a time).
    std::string_view span = raw_.substr(pos_, offset - pos_);
    // memrchr, not string_view::rfind, which walks back a byte at a time.
    if (const void* nl = memrchr(span.data(), '\n', span.size())) {
      const auto past_nl = static_cast<std::size_t>(static_cast<const char*>(nl) - span.data()) + 1;
      std::size_t lines = 0;
      for (char c : span.substr(0, past_nl)) lines += c == '\n';
      line_ += lines;
      col_ = 1;
      span.remove_prefix(past_nl);
    }
    std::size_t chars = 0;
    for (char c : span) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    col_ += chars;
    pos_ = offset;
    return {line_, col_};
  }

 private:
  std::string_view raw_;
  std::optional<LineIndex> lines_;
  std::size_t pos_ = 0, line_ = 1, col_ = 1;
};

// 10^k, from a table for the exponents clean() meets (those of finite
// doubles, shifted by 12): a lookup instead of a call of pow per decimal
// figure. The table is filled by std::pow itself, so the values are exactly
// the ones it returns.
double power_of_ten(double k) {
  constexpr int k_lowest = -340, k_highest = 340;
  static const auto table = [] {
    std::array<double, k_highest - k_lowest + 1> t{};
    for (int e = k_lowest; e <= k_highest; ++e) t[static_cast<std::size_t>(e - k_lowest)] = std::pow(10.0, e);
    return t;
  }();
  if (k >= k_lowest && k <= k_highest && k == std::trunc(k))
    return table[static_cast<std::size_t>(static_cast<int>(k) - k_lowest)];
  return std::pow(10.0, k);
}

// Precision-preserving rounding for output: 0.1 + 0.2 prints as 0.3.
double clean(double v) {
  if (v == 0 || !std::isfinite(v)) return v;
  if (std::fabs(v) < 1e15 && v == std::trunc(v)) return v;  // whole numbers print exactly
  // Thirteen significant digits. For large values the scale is applied as a
  // division by an exact power of ten (10^22 and below are exact doubles),
  // not a multiplication by an inexact 10^-k: 6.02e23 stays 6.02e23 instead
  // of becoming 6.0200000000000006e23.
  const double e = 12 - std::floor(std::log10(std::fabs(v)));
  double r;
  if (e >= 0) {
    const double mag = power_of_ten(e);
    r = std::round(v * mag) / mag;
  } else {
    const double unit = power_of_ten(-e);
    r = std::round(v / unit) * unit;
  }
  return std::isfinite(r) ? r : v;
}

// clean(), remembering its last answer: the bounds of a figure and their
// normalised forms are mostly its value again, and the rounding of
// decimals is the most arithmetic a figure costs. Doubles are compared by
// their bits, so 0 and -0 stay apart.
class Cleaner {
 public:
  double operator()(double v) {
    if (std::bit_cast<std::uint64_t>(v) != std::bit_cast<std::uint64_t>(last_in_)) {
      last_in_ = v;
      last_out_ = clean(v);
    }
    return last_out_;
  }

 private:
  double last_in_ = 0;
  double last_out_ = 0;  // clean(0)
};

}  // namespace

// Whether the figure at tokens [begin, end) is compared back to the figure
// before it in sentence s, which starts at token `earlier`: "2.4 million, up
// from 1.9 million", "fell to 4.1% in October from 4.3%", "$3bn, compared
// with $2.5bn", "45 versus 30". A bare "from" counts only after "up", "down"
// or a figure that is the target of a change ("to 4.1%"): "50,000 people
// came from 12 countries" compares nothing. "Against" is left out: "52 for
// and 48 against", "protests against the 5G masts".
bool compared_to_earlier(const TokenizedText& tt, std::size_t begin, std::size_t earlier, const Sentence& s) {
  if (begin <= s.begin + 1 || earlier >= begin) return false;
  if (is(tt, begin - 1, "versus") || is(tt, begin - 1, "vs")) return true;
  if ((is(tt, begin - 1, "with") || is(tt, begin - 1, "to")) &&
      (is(tt, begin - 2, "compared") || is(tt, begin - 2, "comparison")))
    return true;
  if (!is(tt, begin - 1, "from")) return false;
  if (is(tt, begin - 2, "up") || is(tt, begin - 2, "down")) return true;
  return earlier > s.begin && is(tt, earlier - 1, "to");
}

class ExtractorImpl {
 public:
  // Scratch memory beyond this (tokens of a very large document) is given
  // back instead of kept for the next document.
  static constexpr std::size_t k_keep_scratch_bytes = std::size_t{16} << 20;

  ExtractorImpl() : lex_(Lexicon::instance()) {}

  std::vector<Mention> extract(const Document& doc) const;

 private:
  const Lexicon& lex_;
  Masker masker_;
};

std::vector<Mention> ExtractorImpl::extract(const Document& doc) const {
  std::vector<Mention> out;
  // Per-thread working memory, kept from document to document (the Extractor
  // itself stays immutable and shared).
  thread_local TokenizedText tt;
  thread_local TokenMask masked;
  if (tt.lower.capacity() > k_keep_scratch_bytes) {  // after a huge document
    tt = TokenizedText{};
    masked = TokenMask{};
  }
  tokenize(doc.text, tt);
  if (tt.size() == 0) return out;
  // Most figures start at a digit token: room for that many saves regrowing
  // (and moving every Mention) as they are found.
  out.reserve(tt.numbers);
  masked.assign(tt.size(), 0);
  masker_.mask(tt, masked);
  std::vector<Sentence> sentences = split_sentences(tt, lex_);
  PositionCursor cursor(doc.raw);
  Scanner scan(tt, lex_, masked);

  // What depends only on the sentence is found once per sentence.
  const std::optional<CalendarDate> doc_date = parse_iso_date(doc.meta.date);
  std::size_t context_of = SIZE_MAX;  // the sentence the two below belong to
  std::optional<std::string> attribution;
  std::vector<PeriodMark> periods;

  // Read through a pointer: the vector is thread_local, which the compiler
  // would look up again after every call in the loop.
  const std::uint8_t* const is_masked = masked.data();
  std::size_t si = 0;
  std::size_t i = 0;
  std::size_t floor = 0;  // end of the last figure
  // The last figure's sentence and what the Mention does not keep of its noun.
  std::size_t prev_sentence = SIZE_MAX;
  std::size_t prev_begin = 0;
  std::string prev_klass;
  bool before_part = false;
  while (i < tt.size()) {
    if (is_masked[i] || !may_start_numeral(tt, i, lex_)) {
      ++i;
      continue;
    }
    std::size_t next = i + 1;
    auto cand = scan.at(i, floor, next);
    if (!cand) {
      i = next;
      continue;
    }
    i = std::max(next, cand->end);
    floor = cand->end;
    const Candidate& c = *cand;
    while (si + 1 < sentences.size() && sentences[si].end <= c.begin) ++si;
    const Sentence& s = sentences[si];

    // The values first: a figure past double's range ("1e8888888888", a
    // 400-digit run, "1e300 billion", "1e308 km" in metres) is not one anyone
    // can check, and is dropped before any of its text is built.
    const bool measured = c.unit && !c.is_share && c.currency.empty();  // a unit, not money or a share
    const double factor = measured ? c.unit->factor : 1;
    const double offset = measured ? c.unit->offset : 0;
    Cleaner cleaned;
    const double value = cleaned(c.value);
    const std::optional<double> low = c.has_low ? std::optional<double>(cleaned(c.low)) : std::nullopt;
    const std::optional<double> high = c.has_high ? std::optional<double>(cleaned(c.high)) : std::nullopt;
    const double norm_value = cleaned(value * factor + offset);
    const std::optional<double> norm_low = low ? std::optional<double>(cleaned(*low * factor + offset)) : std::nullopt;
    const std::optional<double> norm_high = high ? std::optional<double>(cleaned(*high * factor + offset)) : std::nullopt;
    auto finite = [](const std::optional<double>& v) { return !v || std::isfinite(*v); };
    if (!std::isfinite(value) || !finite(low) || !finite(high) || !std::isfinite(norm_value) ||
        !finite(norm_low) || !finite(norm_high))
      continue;

    // Dimension and unit.
    std::string_view dimension = "count";
    std::string unit, norm_unit;
    if (c.is_share) {
      dimension = "percent";
      unit = norm_unit = "%";
    } else if (!c.currency.empty()) {
      dimension = "currency";
      unit = norm_unit = c.currency;
    } else if (c.unit) {
      dimension = c.unit->dimension;
      unit = c.unit->unit;
      norm_unit = base_unit_of(dimension, unit);
    }

    // "of" after a scale or a unit introduces what is counted or measured:
    // "thousands of people", "5,000 tonnes of grain", "2% of GDP".
    const bool of_names_noun = c.num.shape == NumeralShape::vague || c.num.scaled || c.unit || c.is_share ||
                               !c.currency.empty() || !c.unit_override.empty();
    NounInfo noun = find_noun(tt, c.begin, c.end, s, of_names_noun, dimension, lex_);
    // "2.4 million units, up from 1.9 million a year earlier", "fell to 4.1%
    // from 4.3%": a figure compared back to the one before it in its sentence
    // is that figure's old value, and counts what that one counts when it
    // names nothing itself.
    const Mention* before = !out.empty() && prev_sentence == si ? &out.back() : nullptr;
    const bool compared_back = before != nullptr && before->dimension == dimension &&
                               compared_to_earlier(tt, c.begin, prev_begin, s);
    if (compared_back && noun.noun.empty() && noun.measure.empty() && !before->is_rate) {
      noun.noun = before->noun;
      noun.klass = prev_klass;
      noun.noun_phrase = before->noun_phrase;
      noun.modifiers = before->modifiers;
      noun.part = before_part;
      if (noun.place.empty()) noun.place = before->place;
    }
    std::string entity = find_entity(tt, s, c.begin, noun, lex_);
    if (compared_back && entity.empty()) entity = before->entity;
    // A table row is a record of its own: "| troops/ | four outlets |" and
    // "| disaster-toll/ | three outlets |" never meet. A figure alone in its
    // cell already counts the label.
    if (entity.empty() && !noun.from_row) entity = row_label(tt, s, c.begin);
    std::string rate = c.rate;
    // "1,200 soldiers a day": the denominator after the counted noun.
    if (rate.empty() && noun.head_end != 0 && dimension == "count") {
      if (auto r = rate_at(tt, noun.head_end, lex_)) rate = std::move(r->first);
    }
    const bool is_rate = !rate.empty();
    if (is_rate) {
      if (unit.empty()) unit = noun.noun.empty() ? std::string("count") : noun.noun;
      unit += '/';
      unit += rate;
      if (norm_unit.empty()) {
        norm_unit = unit;
      } else {
        norm_unit += '/';
        norm_unit += rate;
      }
    }
    if (dimension == "count" && !is_rate) norm_unit.clear();

    // Built in place in `out`: moving a finished Mention in costs as much as
    // filling one.
    Mention& m = out.emplace_back();
    const Token& last = tt.tokens[c.end - 1];
    m.start = doc.map.to_raw(tt.tokens[c.begin].begin);
    // The last token maps as a whole: its last character may be multi-byte.
    m.end = std::min(doc.raw.size(), doc.map.to_raw(last.begin) + (last.end - last.begin));
    m.text = std::string_view(doc.raw).substr(m.start, m.end - m.start);
    auto pos = cursor.at(m.start);
    m.line = pos.line;
    m.col = pos.col;

    m.qualifier = c.qualifier;
    m.value = value;
    m.stated.low = low;
    m.stated.high = high;
    m.norm_value = norm_value;
    m.norm.low = norm_low;
    m.norm.high = norm_high;
    m.dimension = dimension;
    m.is_rate = is_rate;

    std::size_t noun_end = c.end;
    m.modality = find_modality(tt, c.begin, c.end, noun_end, s, lex_);
    if (context_of != si) {
      context_of = si;
      attribution = find_attribution(tt, s, lex_);
      periods = period_marks(tt, s, doc_date, lex_);
    }
    m.attribution = attribution;
    std::optional<std::string> period = pick_period(tt, c.begin, s, periods);

    std::size_t sb = tt.tokens[s.begin].begin;
    std::size_t se = tt.tokens[s.end - 1].end;
    m.sentence_start = doc.map.to_raw(sb);
    m.sentence_end = std::min(doc.raw.size(), doc.map.to_raw(tt.tokens[s.end - 1].begin) +
                                                  (se - tt.tokens[s.end - 1].begin));
    // The old value of a change ("rose from 45 to 78", "from 30s to 60s")
    // and its amount ("rose $2 to $85", "grew by 5%", "down 1%") are kept
    // apart from the values themselves.
    auto change_verb_at = [&](std::size_t v) {
      return v >= s.begin && v < c.begin && (lex_.change_verbs.contains(tt, v) ||
                                             (tt.low(v).size() > 4 && tt.low(v).ends_with("ed") && !lex_.noun(tt, v)));
    };
    ChangeRole role = ChangeRole::none;
    if (c.change_from || (c.begin >= s.begin + 2 && is(tt, c.begin - 1, "from") && is(tt, c.end, "to") &&
                          (lex_.change_verbs.contains(tt, c.begin - 2) ||
                           (c.begin >= s.begin + 3 && lex_.change_verbs.contains(tt, c.begin - 3)))))
      role = ChangeRole::old_value;
    else if (compared_back)
      role = ChangeRole::old_value;
    else if ((c.begin > s.begin && lex_.change_verbs.contains(tt, c.begin - 1)) ||
             (c.begin >= s.begin + 2 && is(tt, c.begin - 1, "by") && change_verb_at(c.begin - 2)))
      role = ChangeRole::amount;
    // "another 1,200 people", "a further $5m", "300 more troops": an amount
    // added to a total said elsewhere, not the total.
    else if ((c.begin > s.begin && lex_.increments.contains(tt, c.begin - 1)) ||
             (is(tt, c.end, "more") && !is(tt, c.end + 1, "than")))
      role = ChangeRole::amount;
    SubjectKey subject = subject_of(dimension, unit, is_rate, period, noun, entity, role);
    m.subject = std::move(subject.subject);
    m.block = std::move(subject.block);
    m.period = std::move(period);
    // The noun's strings are moved in last: the subject was built from them.
    m.unit = std::move(unit);
    m.norm_unit = std::move(norm_unit);
    m.noun = std::move(noun.noun);
    m.noun_phrase = std::move(noun.noun_phrase);
    m.modifiers = std::move(noun.modifiers);
    m.place = std::move(noun.place);
    m.event = std::move(noun.event);
    m.entity = std::move(entity);
    prev_sentence = si;
    prev_begin = c.begin;
    std::swap(prev_klass, noun.klass);  // the Mention keeps no class
    before_part = noun.part;
  }
  return out;
}

}  // namespace detail

Extractor::Extractor() : Extractor(ExtractOptions{}) {}
Extractor::Extractor(ExtractOptions) : impl_(std::make_unique<detail::ExtractorImpl>()) {}
Extractor::~Extractor() = default;

std::vector<Mention> Extractor::extract(const Document& doc) const { return impl_->extract(doc); }

}  // namespace tally
