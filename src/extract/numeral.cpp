// The numeral parser. Spelled-out numbers are read with the usual two
// accumulators: `group` holds the value below the current scale ("three
// hundred and twenty"), `total` the closed groups ("two million"); scales must
// descend, so "3 thousand 2 thousand" is two numerals, not 5,000.
#include "extract/numeral.hpp"

#include <cmath>
#include <limits>

namespace tally::detail {
namespace {

bool glued(const TokenizedText& tt, std::size_t i) {
  return i < tt.size() && !tt.tokens[i].space_before;
}
bool is_number(const TokenizedText& tt, std::size_t i) {
  return i < tt.size() && tt.tokens[i].kind == TokenKind::number;
}
bool is_word(const TokenizedText& tt, std::size_t i) {
  return i < tt.size() && tt.tokens[i].kind == TokenKind::word;
}
bool plain_int(const Token& t) { return t.decimals == 0 && !t.exponent; }

const NumberWord* word_at(const TokenizedText& tt, std::size_t i, const Lexicon& lex) {
  if (i >= tt.size() || tt.tokens[i].kind == TokenKind::number) return nullptr;
  if (i > 0 && tt.tokens[i].break_before) return nullptr;
  return lex.number_word(tt, i);
}

// Spaced scale suffixes that are unambiguous ("2.33 k", "10 bln"); "m" and "b"
// count only when glued ("3.5m"), since "5 m" is five metres.
bool spaced_suffix_ok(std::string_view s) {
  return s == "k" || s == "K" || s == "bn" || s == "bln" || s == "mn" || s == "mln" ||
         s == "tn" || s == "tln" || s == "thou";
}

class WordParser {
 public:
  WordParser(const TokenizedText& tt, const Lexicon& lex) : tt_(tt), lex_(lex) {}

  // Parses from token j; returns false when nothing numeric starts there.
  bool run(std::size_t j) {
    start_ = j;
    while (j < tt_.size()) {
      if (j > start_ && tt_.tokens[j].break_before) break;
      std::size_t next = step(j);
      if (next == 0) break;
      j = next;
    }
    return atoms_ > 0 && value_ok_;
  }

  double value() const {
    // "one billion and a half": the fraction is of the scale before it.
    if (scale_fraction_ && last_ == Last::fraction) return total_ + fraction_ * last_scale_;
    return total_ + group_ + fraction_;
  }
  std::size_t end() const { return end_; }
  std::size_t atoms() const { return atoms_; }
  bool scaled() const { return scaled_; }
  double first_scale() const { return first_scale_; }
  bool only_fraction() const { return only_fraction_ && total_ == 0 && group_ == 0; }
  bool has_digits() const { return has_digits_; }

 private:
  enum class Last { none, digit, unit, ten, hundred, dozen, scale, fraction, point };

  // Consumes one atom at j (or a connector with what follows it); returns the
  // next index, or 0 to stop.
  std::size_t step(std::size_t j) {
    const Token& t = tt_.tokens[j];
    if (t.kind == TokenKind::number) return digit(j);
    std::string_view w = tt_.low(j);
    const bool hyphen = w == "-" && j + 1 < tt_.size() &&
                        ((glued(tt_, j) && glued(tt_, j + 1)) ||
                         (tt_.tokens[j].space_before && tt_.tokens[j + 1].space_before));
    if (hyphen && last_ != Last::none) {
      // "forty-two", "one-eighth": a hyphen inside a spelled number; spaced
      // on both sides in text tokenized word by word ("one - third").
      const NumberWord* nw = word_at(tt_, j + 1, lex_);
      if (!nw) return 0;
      bool ok = (last_ == Last::ten && nw->kind == NumberKind::unit && nw->value < 10) ||
                ((last_ == Last::unit || last_ == Last::ten) && nw->kind == NumberKind::denominator);
      return ok ? j + 1 : 0;
    }
    if (w == "and") return conjunction(j);
    if (w == "a" || w == "an") return article(j);
    if (w == "point" && last_ != Last::none && last_ != Last::point && fraction_ == 0) return point(j);
    if (w == "of" && last_ == Last::fraction && fraction_ > 0 && group_ == 0) {
      // "two thirds of a million": the fraction multiplies the scale after it.
      std::size_t k = j + 1;
      if (is(tt_, k, "a") || is(tt_, k, "an")) ++k;
      const NumberWord* nw = word_at(tt_, k, lex_);
      if (nw && nw->kind == NumberKind::scale) return k;
      return 0;
    }
    const NumberWord* nw = word_at(tt_, j, lex_);
    if (!nw) return 0;
    return number_word(j, *nw);
  }

  std::size_t accept(std::size_t j, Last last) {
    last_ = last;
    ++atoms_;
    end_ = j + 1;
    return j + 1;
  }

  std::size_t digit(std::size_t j) {
    const Token& t = tt_.tokens[j];
    bool group_start = last_ == Last::none || last_ == Last::scale ||
                       (last_ == Last::fraction && fraction_ == 0);
    bool after_and = and_pending_ && plain_int(t) && t.value > 0 && t.value < 100 &&
                     static_cast<long long>(group_) % 100 == 0;
    if (!group_start && !after_and) return 0;
    // "3 thousand 2 thousand": the 2 opens a group no smaller than ours, so a new numeral.
    if (last_ == Last::scale && closes_group_not_below(j + 1)) return 0;
    if (last_ != Last::none && (t.grouped || t.leading_zero)) return 0;
    if (last_ != Last::none && !plain_int(t)) {
      // "2.12 hundred" only as the first atom; a decimal later starts a new numeral.
      return 0;
    }
    group_ += t.value;
    has_digits_ = true;
    and_pending_ = false;
    only_fraction_ = false;
    return accept(j, Last::digit);
  }

  std::size_t conjunction(std::size_t j) {
    // "one hundred and six", "two thousand and two hundred", "one and a half".
    if (last_ == Last::none || last_ == Last::point || and_pending_) return 0;
    std::size_t k = j + 1;
    const NumberWord* nw = word_at(tt_, k, lex_);
    bool article = is(tt_, k, "a") || is(tt_, k, "an");
    if (last_ == Last::hundred || last_ == Last::scale || last_ == Last::dozen) {
      if (article) {
        const NumberWord* d = word_at(tt_, k + 1, lex_);
        if (!d || d->kind != NumberKind::denominator) return 0;
      } else if (is_number(tt_, k)) {
        // "hundred and 0" is a number and then a zero, not 100.
        if (!plain_int(tt_.tokens[k]) || tt_.tokens[k].grouped || tt_.tokens[k].value == 0)
          return 0;
      } else if (!nw || (nw->kind != NumberKind::unit && nw->kind != NumberKind::ten) ||
                 nw->value == 0) {
        return 0;
      }
      // "3 hundred and 2 hundred", "3 thousand and 2 thousand": two numerals,
      // since the part after "and" would close a group no smaller than ours.
      if (!article && closes_group_not_below(after_small_number(k))) return 0;
      and_pending_ = true;
      and_after_scale_ = last_ == Last::scale;
      return k;
    }
    if (last_ == Last::unit || last_ == Last::ten || last_ == Last::digit) {
      // A whole part, then a fraction: "twenty and three fifths", "five and a quarter".
      std::size_t d = article ? k + 1 : k;
      const NumberWord* num = word_at(tt_, d, lex_);
      if (article) {
        if (!num || num->kind != NumberKind::denominator) return 0;
      } else {
        if (!num || (num->kind != NumberKind::unit && num->kind != NumberKind::ten)) return 0;
        // the numerator must be followed by a denominator (possibly after a hyphenated ten-unit)
        std::size_t e = d + 1;
        if (is(tt_, e, "-")) e += 2;
        else if (const NumberWord* u = word_at(tt_, e, lex_); u && u->kind == NumberKind::unit &&
                                                            num->kind == NumberKind::ten)
          ++e;
        const NumberWord* den = word_at(tt_, e, lex_);
        if (!den || den->kind != NumberKind::denominator) return 0;
      }
      whole_ = group_;
      group_ = 0;
      in_fraction_ = true;
      and_pending_ = false;
      if (article) {
        numerator_ = 1;
        return k + 1;
      }
      return k;
    }
    return 0;
  }

  // The index after the small number that starts at k ("2", "twenty-two", "twenty two").
  std::size_t after_small_number(std::size_t k) const {
    if (is_number(tt_, k)) return k + 1;
    const NumberWord* w = word_at(tt_, k, lex_);
    if (w && w->kind == NumberKind::ten) {
      if (is(tt_, k + 1, "-") && glued(tt_, k + 1)) {
        const NumberWord* u = word_at(tt_, k + 2, lex_);
        if (u && u->kind == NumberKind::unit) return k + 3;
      }
      const NumberWord* u = word_at(tt_, k + 1, lex_);
      if (u && u->kind == NumberKind::unit && u->value < 10) return k + 2;
    }
    return k + 1;
  }

  bool closes_group_not_below(std::size_t k) const {
    const NumberWord* w = word_at(tt_, k, lex_);
    if (!w) return false;
    if (w->kind == NumberKind::hundred) return last_ == Last::hundred || hundred_in_group_;
    if (w->kind == NumberKind::scale) return w->value >= last_scale_;
    return false;
  }

  std::size_t article(std::size_t j) {
    // "a thousand", "a dozen", "a fifth", "half a million", "and a half".
    const NumberWord* nw = word_at(tt_, j + 1, lex_);
    if (!nw) return 0;
    bool multiplier = nw->kind == NumberKind::scale || nw->kind == NumberKind::hundred ||
                      nw->kind == NumberKind::dozen;
    if (last_ == Last::none) {
      if (multiplier) {
        group_ = 1;
        pending_article_ = true;
        return j + 1;
      }
      if (nw->kind == NumberKind::denominator) {
        // "a fifth" alone is a share of a whole, as "one fifth" is.
        numerator_ = 1;
        in_fraction_ = true;
        article_fraction_ = true;
        only_fraction_ = true;
        return j + 1;
      }
      return 0;
    }
    if (last_ == Last::fraction && (multiplier)) return j + 1;  // "half a million"
    if (and_pending_ && nw->kind == NumberKind::denominator) {
      // "one billion and a half million": the article is the numerator of a
      // fraction that the next scale multiplies, or that ends the numeral.
      whole_ = group_;
      group_ = 0;
      numerator_ = 1;
      in_fraction_ = true;
      article_fraction_ = true;
      and_pending_ = false;
      scale_fraction_ = last_ == Last::scale;
      return j + 1;
    }
    return 0;
  }

  std::size_t point(std::size_t j) {
    // "two hundred point zero three", "nine point nought four", "point seventy-one".
    std::size_t k = j + 1;
    std::string digits;
    while (true) {
      const NumberWord* nw = word_at(tt_, k, lex_);
      if (!nw || nw->kind != NumberKind::unit || nw->value > 9) break;
      digits.push_back(static_cast<char>('0' + static_cast<int>(nw->value)));
      ++k;
    }
    if (digits.empty()) {
      // "point seventy-one", "point eleven": one number read as the decimals.
      WordParser sub(tt_, lex_);
      const NumberWord* nw = word_at(tt_, k, lex_);
      if (!nw || (nw->kind != NumberKind::unit && nw->kind != NumberKind::ten)) return 0;
      sub.run(k);
      if (sub.atoms() == 0 || sub.value() >= 100) return 0;
      int v = static_cast<int>(sub.value());
      digits = std::to_string(v);
      k = sub.end();
    }
    double frac = std::strtod(("0." + digits).c_str(), nullptr);
    group_ += frac;
    last_ = Last::point;
    end_ = k;
    ++atoms_;
    only_fraction_ = false;
    // Only a scale follows decimals: "five point three three thousand", "two point five million".
    if (const NumberWord* sc = word_at(tt_, k, lex_); sc && sc->kind == NumberKind::scale) return k;
    return 0;
  }

  std::size_t number_word(std::size_t j, const NumberWord& nw) {
    switch (nw.kind) {
      case NumberKind::unit:
      case NumberKind::ten: {
        bool ok = last_ == Last::none || last_ == Last::scale || and_pending_ ||
                  last_ == Last::hundred ||
                  (last_ == Last::ten && nw.kind == NumberKind::unit && nw.value < 10);
        if (in_fraction_ && numerator_ == 0) ok = true;
        if (!ok) return 0;
        if ((last_ == Last::scale || last_ == Last::hundred) && !in_fraction_ &&
            closes_group_not_below(after_small_number(j)))
          return 0;  // "three hundred two hundred", "five million two million"
        if (last_ == Last::hundred && !and_pending_ && static_cast<long long>(group_) % 100 != 0)
          return 0;
        if (and_pending_ && static_cast<long long>(group_) % 100 != 0) return 0;
        and_pending_ = false;
        only_fraction_ = false;
        if (in_fraction_) {
          numerator_ += nw.value;
          last_ = nw.kind == NumberKind::unit ? Last::unit : Last::ten;
          return j + 1;  // the numerator counts once its denominator comes
        }
        group_ += nw.value;
        return accept(j, nw.kind == NumberKind::unit ? Last::unit : Last::ten);
      }
      case NumberKind::hundred:
      case NumberKind::dozen: {
        if (in_fraction_) return 0;
        double below = std::fmod(group_, 1000.0);
        if (pending_article_) {
          pending_article_ = false;
        } else if (last_ == Last::fraction && fraction_ > 0) {
          group_ = fraction_;  // "half a dozen"
          fraction_ = 0;
          below = group_;
        } else if (!(last_ == Last::unit || last_ == Last::ten || last_ == Last::digit) ||
                   below <= 0 || (nw.kind == NumberKind::hundred && below >= 100 && has_digits_ == false)) {
          return 0;
        }
        if (nw.kind == NumberKind::hundred && hundred_in_group_) return 0;
        group_ = group_ - below + below * nw.value;
        if (nw.kind == NumberKind::hundred) hundred_in_group_ = true;
        scaled_ = true;
        only_fraction_ = false;
        return accept(j, nw.kind == NumberKind::hundred ? Last::hundred : Last::dozen);
      }
      case NumberKind::scale: {
        if (in_fraction_) return 0;
        double base = group_ + fraction_;
        if (pending_article_) pending_article_ = false;
        if (last_ == Last::scale) {
          // "three lakh crore": a scale that multiplies the one before it.
          total_ -= last_added_;
          last_added_ *= nw.value;
          total_ += last_added_;
          last_scale_ = nw.value;
          return accept(j, Last::scale);
        }
        if (base <= 0 || nw.value >= last_scale_) return 0;
        if (first_scale_ == 1) first_scale_ = nw.value;
        last_added_ = base * nw.value;
        total_ += last_added_;
        group_ = 0;
        fraction_ = 0;
        last_scale_ = nw.value;
        hundred_in_group_ = false;
        scaled_ = true;
        only_fraction_ = false;
        return accept(j, Last::scale);
      }
      case NumberKind::denominator: {
        bool plural = tt_.low(j).back() == 's';
        if (in_fraction_) {
          if (numerator_ == 0) return 0;
          if (article_fraction_ && !plural) {
            // "a third country" is an ordinal; "a third", "a third of" are shares.
            std::size_t k = j + 1;
            bool ends = k >= tt_.size() || tt_.tokens[k].kind == TokenKind::symbol ||
                        is(tt_, k, "of") || tt_.tokens[k].break_before;
            const NumberWord* nxt = word_at(tt_, k, lex_);
            if (!ends && !(nxt && nxt->kind == NumberKind::scale)) return 0;
          }
          double frac = numerator_ / nw.value;
          fraction_ += frac;
          group_ += whole_;
          whole_ = 0;
          in_fraction_ = false;
          numerator_ = 0;
          only_fraction_ = only_fraction_ && group_ == 0 && total_ == 0;
          return accept(j, Last::fraction);
        }
        if (last_ == Last::none) {
          // "half million", "quarter million", "half a dozen", "half of"; but
          // not "the third quarter", "the first half", "cut by half".
          std::string_view w = tt_.low(j);
          if (w != "half" && w != "quarter") return 0;
          if (after_ordinal(j)) return 0;
          std::size_t k = j + 1;
          const NumberWord* nxt = word_at(tt_, k, lex_);
          const NumberWord* art = (is(tt_, k, "a") || is(tt_, k, "an")) ? word_at(tt_, k + 1, lex_) : nullptr;
          bool scale_next = nxt && nxt->kind == NumberKind::scale;
          bool article_scale = art && (art->kind == NumberKind::scale || art->kind == NumberKind::hundred ||
                                       art->kind == NumberKind::dozen);
          bool of_next = w == "half" && is(tt_, k, "of");
          if (!scale_next && !article_scale && !of_next) return 0;
          fraction_ = 1.0 / nw.value;
          only_fraction_ = true;
          return accept(j, Last::fraction);
        }
        if ((last_ == Last::unit || last_ == Last::ten || last_ == Last::digit) && group_ > 0 &&
            group_ < 1000) {
          // "two thirds", "fifty-four hundredths", "one eighth", "3 quarters";
          // after a hundred the numerator is what follows it: "one hundred
          // and three quarters" is 100.75.
          double below = std::fmod(group_, hundred_in_group_ ? 100.0 : 1000.0);
          if (!plural && below != 1) return 0;  // "two third" is not a fraction
          group_ -= below;
          fraction_ += below / nw.value;
          only_fraction_ = total_ == 0 && group_ == 0;
          // "two million and one half" is 2.5 million, as "one billion and a half" is.
          if (and_after_scale_ && group_ == 0) scale_fraction_ = true;
          return accept(j, Last::fraction);
        }
        return 0;
      }
      case NumberKind::suffix:
      case NumberKind::vulgar:
        return 0;
    }
    return 0;
  }

  // "third quarter", "first half", "1st half", "last quarter": a period, not a share.
  bool after_ordinal(std::size_t j) const {
    if (j == 0 || tt_.tokens[j].break_before || tt_.tokens[j - 1].kind != TokenKind::word) return false;
    std::string_view p = tt_.low(j - 1);
    if (lex_.ordinals.contains(tt_, j - 1)) return true;
    if ((p == "st" || p == "nd" || p == "rd" || p == "th") && glued(tt_, j - 1) && j >= 2 &&
        tt_.tokens[j - 2].kind == TokenKind::number)
      return true;
    const NumberWord* nw = lex_.number_word(tt_, j - 1);
    return nw && nw->kind == NumberKind::denominator && p != "half" && p != "halves" &&
           p != "quarter" && p != "quarters";
  }

  const TokenizedText& tt_;
  const Lexicon& lex_;
  std::size_t start_ = 0;
  std::size_t end_ = 0;
  std::size_t atoms_ = 0;
  Last last_ = Last::none;
  double total_ = 0, group_ = 0, fraction_ = 0, last_added_ = 0;
  double last_scale_ = std::numeric_limits<double>::infinity();
  double first_scale_ = 1;
  double whole_ = 0, numerator_ = 0;
  bool in_fraction_ = false, article_fraction_ = false;
  bool and_pending_ = false, pending_article_ = false, hundred_in_group_ = false;
  bool scaled_ = false, only_fraction_ = false, has_digits_ = false, scale_fraction_ = false;
  bool and_after_scale_ = false;  // the pending "and" came right after a scale word
  bool value_ok_ = true;
};

// "3/4", "2 1/4": a fraction written with digits, also spaced on both sides
// as text tokenized word by word is ("7 3 / 4"). Returns its end, or 0.
std::size_t digit_fraction(const TokenizedText& tt, std::size_t i, double& value) {
  if (!is_number(tt, i) || !plain_int(tt.tokens[i]) || tt.tokens[i].grouped) return 0;
  if (!is(tt, i + 1, "/") || !is_number(tt, i + 2)) return 0;
  const bool spaced = tt.tokens[i + 1].space_before && tt.tokens[i + 2].space_before;
  if (!(glued(tt, i + 1) && glued(tt, i + 2)) && !spaced) return 0;
  const Token& d = tt.tokens[i + 2];
  if (!plain_int(d) || d.value == 0 || d.leading_zero) return 0;
  if (is(tt, i + 3, "/") || is(tt, i + 3, "-")) return 0;  // a date: 5/17/2018
  if (tt.tokens[i].value >= d.value || d.value > 100) return 0;
  value = tt.tokens[i].value / d.value;
  return i + 3;
}

}  // namespace

std::optional<Numeral> parse_numeral(const TokenizedText& tt, std::size_t i, const Lexicon& lex) {
  if (i >= tt.size()) return std::nullopt;
  Numeral n;
  n.begin = i;

  if (auto v = lex.vague.match_at(tt, i)) {
    n.shape = NumeralShape::vague;
    n.end = i + v->length;
    n.low = v->value->low;
    n.high = v->value->high;
    n.value = v->value->typical;
    return n;
  }

  std::size_t j = i;
  if ((is(tt, j, "minus") || is(tt, j, "negative")) && j + 1 < tt.size()) {
    n.negative = true;
    ++j;
  }

  if (tt.tokens[j].kind == TokenKind::symbol) {
    const NumberWord* nw = lex.number_word(tt, j);
    if (!nw || nw->kind != NumberKind::vulgar) return std::nullopt;
    n.value = nw->value;
    n.end = j + 1;
    n.simple_fraction = true;
    return n;
  }

  if (is_number(tt, j)) {
    const Token& t = tt.tokens[j];
    double frac = 0;
    if (std::size_t e = digit_fraction(tt, j, frac)) {
      n.value = frac;
      n.end = e;
      n.simple_fraction = true;
      return n;
    }
    // "2 1/4", "2½": a whole number and a fraction.
    if (plain_int(t) && !t.grouped) {
      double f = 0;
      std::size_t e = 0;
      if (j + 1 < tt.size() && tt.tokens[j + 1].space_before && (e = digit_fraction(tt, j + 1, f))) {
        n.value = t.value + f;
        n.end = e;
        return n;
      }
      if (const NumberWord* nw = word_at(tt, j + 1, lex);
          nw && nw->kind == NumberKind::vulgar && glued(tt, j + 1)) {
        n.value = t.value + nw->value;
        n.end = j + 2;
        return n;
      }
    }
    n.value = t.value;
    n.end = j + 1;
    // "1.3x10^6", "6.23x10^-4"
    if (is(tt, j + 1, "x") && glued(tt, j + 1) && is_number(tt, j + 2) && glued(tt, j + 2) &&
        tt.tokens[j + 2].value == 10 && is(tt, j + 3, "^") && glued(tt, j + 3)) {
      std::size_t k = j + 4;
      bool neg = false;
      if ((is(tt, k, "-") || is(tt, k, "+")) && glued(tt, k)) neg = tt.low(k++) == "-";
      if (is_number(tt, k) && glued(tt, k) && plain_int(tt.tokens[k])) {
        n.value *= std::pow(10.0, neg ? -tt.tokens[k].value : tt.tokens[k].value);
        n.end = k + 1;
        return n;
      }
    }
    // Scale suffixes: "12k", "$2.5bn", "3.5m"; spaced only when unambiguous.
    if (j + 1 < tt.size() && is_word(tt, j + 1) && !tt.tokens[j + 1].break_before) {
      std::string_view s = tt.str(j + 1);
      // The suffix table is only asked about a word that could stand as one:
      // most numbers are followed by a spaced word that cannot.
      std::optional<double> scale;
      if (glued(tt, j + 1) || spaced_suffix_ok(s)) scale = lex.scale_suffix(s);
      bool ok = scale.has_value();
      // "221B Baker Street": a capital letter glued to a whole number and
      // followed by a name is part of an address or a model, not a billion.
      if (ok && (s == "B" || s == "M") && t.decimals == 0 && !lex.currencies.match_ending(tt, j) &&
          j + 2 < tt.size() && is_word(tt, j + 2) && tt.tokens[j + 2].upper_initial &&
          !tt.tokens[j + 2].break_before)
        ok = false;
      // the suffix must end the word: "10km" is not 10 thousand m
      if (ok && (j + 2 >= tt.size() || !(is_word(tt, j + 2) && glued(tt, j + 2)))) {
        n.value *= *scale;
        n.multiplier = *scale;
        n.scaled = true;
        n.suffix = s;
        n.end = j + 2;
        return n;
      }
    }
    n.plain_integer = plain_int(t) && !t.grouped;
  }

  // Words, or digits followed by scale words ("1.5 million", "4 thousand 3 hundred and 21").
  WordParser wp(tt, lex);
  if (!wp.run(j)) {
    if (!is_number(tt, j)) return std::nullopt;
    if (n.negative) n.value = -n.value;
    return n;
  }
  n.value = wp.value();
  n.end = wp.end();
  n.scaled = wp.scaled();
  n.multiplier = wp.first_scale();
  if (!is_number(tt, j)) {
    n.shape = NumeralShape::words;
    n.plain_integer = false;
    n.lone_word = wp.atoms() == 1 && !n.negative;
  } else if (wp.atoms() > 1) {
    n.shape = NumeralShape::words;
    n.plain_integer = false;
  }
  if (wp.only_fraction() && !n.scaled) {
    n.shape = NumeralShape::share;
    n.value *= 100;
    n.lone_word = false;
  }
  if (n.negative) n.value = -n.value;

  // Shares stated as counts: "one in five", "3 out of 10", "two out of five
  // hundred", and fractions read out: "one over three" (only ending its
  // clause: "3 over 12 months" is a duration).
  if (n.shape != NumeralShape::share && !n.negative && n.value > 0) {
    std::size_t k = n.end;
    std::size_t after = 0;
    bool over = false;
    if (is(tt, k, "in")) after = k + 1;
    else if (is(tt, k, "out") && is(tt, k + 1, "of")) after = k + 2;
    else if (is(tt, k, "over")) {
      after = k + 1;
      over = true;
    }
    if (after != 0 && after < tt.size() && !tt.tokens[after].break_before) {
      bool year_like = is_number(tt, after) && tt.tokens[after].int_digits == 4 &&
                       !tt.tokens[after].grouped;
      if (!year_like) {
        WordParser den(tt, lex);
        if (is_number(tt, after) || (word_at(tt, after, lex) && !is(tt, after, "a"))) {
          const bool ok = den.run(after) && den.value() > n.value && den.value() <= 1e9 &&
                          (!over || den.end() >= tt.size() || !is_word(tt, den.end()) ||
                           tt.tokens[den.end()].break_before);
          if (ok) {
            n.value = n.value / den.value() * 100;
            n.end = den.end();
            n.shape = NumeralShape::share;
            n.lone_word = false;
            n.plain_integer = false;
          }
        }
      }
    }
  }
  return n;
}

}  // namespace tally::detail
