// Parsing of the embedded lexicon files and phrase matching over tokens.
//
// The files are data, edited by people: a malformed row is a bug in this
// repository, caught by the lexicon unit tests, so parsing here asserts
// rather than reports.
#include "lexicon/lexicon.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "lexicon/lexicon_data.hpp"

namespace tally::detail {
namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t p = 0;
  while (true) {
    std::size_t q = s.find(sep, p);
    out.push_back(s.substr(p, q == std::string_view::npos ? std::string_view::npos : q - p));
    if (q == std::string_view::npos) break;
    p = q + 1;
  }
  return out;
}

// Calls fn(columns, line_number) for every data row of an embedded file.
template <class Fn>
void for_rows(std::string_view name, Fn fn) {
  for (const EmbeddedFile& f : embedded_lexicons()) {
    if (f.name != name) continue;
    std::size_t n = 0;
    for (std::string_view line : split(f.content, '\n')) {
      ++n;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      fn(split(line, '\t'), n);
    }
    return;
  }
  throw std::logic_error(fmt::format("lexicon {} is not embedded", name));
}

double number(std::string_view s, std::string_view where) {
  std::string tmp(s);
  char* end = nullptr;
  double v = std::strtod(tmp.c_str(), &end);
  if (tmp.empty() || end != tmp.c_str() + tmp.size())
    throw std::logic_error(fmt::format("{}: not a number: '{}'", where, s));
  return v;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

std::string_view col(const std::vector<std::string_view>& cols, std::size_t i) {
  return i < cols.size() ? cols[i] : std::string_view{};
}

// The n bytes at p (n at most 8) as a little-endian word, zero-padded: two
// overlapping loads instead of a loop over the bytes, and no byte read past
// p[n - 1].
std::uint64_t load_partial(const char* p, std::size_t n) {
  if (n >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    return lo | (std::uint64_t{hi} << (8 * (n - 4)));
  }
  if (n >= 2) {
    std::uint16_t lo, hi;
    std::memcpy(&lo, p, 2);
    std::memcpy(&hi, p + n - 2, 2);
    return lo | (std::uint64_t{hi} << (8 * (n - 2)));
  }
  return n == 1 ? static_cast<unsigned char>(p[0]) : 0;
}

}  // namespace

// A multiply-xorshift hash over 8-byte words. Tokens are short, so this is a
// few instructions where std::hash runs a general-purpose byte loop.
inline Vocabulary::Key Vocabulary::key_of(std::string_view s) {
  constexpr std::uint64_t k_mul = 0x9E3779B97F4A7C15ull;
  auto mix = [](std::uint64_t x) {
    x *= 0xBF58476D1CE4E5B9ull;
    return x ^ (x >> 31);
  };
  const char* p = s.data();
  std::size_t n = s.size();
  const std::uint64_t head = load_partial(p, std::min<std::size_t>(n, 8));
  std::uint64_t h = mix(s.size() * k_mul ^ head);
  for (p += 8; n > 16; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = mix(h ^ w);
  }
  if (n > 8) h = mix(h ^ load_partial(p, n - 8));
  return {head, mix(h * k_mul)};
}

// ---------------------------------------------------------------- Vocabulary

Vocabulary::Vocabulary() : words_(1), infos_(1), lists_(1, 0), slots_(1024) {}

[[gnu::always_inline]] inline std::uint32_t Vocabulary::lookup(std::string_view word, const Slot* slots,
                                                               std::size_t mask) const {
  const Key key = key_of(word);
  for (std::size_t p = key.hash & mask;; p = (p + 1) & mask) {
    const Slot& slot = slots[p];
    if (slot.id == 0) return 0;
    if (slot.head == key.head && slot.size == word.size() && (word.size() <= 8 || words_[slot.id] == word))
      return slot.id;
  }
}

std::uint32_t Vocabulary::find(std::string_view word) const {
  return lookup(word, slots_.data(), slots_.size() - 1);
}

void Vocabulary::place(std::uint32_t id, std::vector<Slot>& slots) const {
  const std::string& word = words_[id];
  const Key key = key_of(word);
  const std::size_t mask = slots.size() - 1;
  std::size_t p = key.hash & mask;
  while (slots[p].id != 0) p = (p + 1) & mask;
  slots[p] = {key.head, id, static_cast<std::uint32_t>(word.size())};
}

std::uint32_t Vocabulary::add(std::string_view word) {
  if (std::uint32_t id = find(word)) return id;
  // At most a quarter full, so a miss (most tokens) ends at an empty slot quickly.
  if (4 * words_.size() >= slots_.size()) grow();
  auto id = static_cast<std::uint32_t>(words_.size());
  words_.emplace_back(word);
  infos_.emplace_back();
  lists_.push_back(0);
  place(id, slots_);
  if (word.empty()) empty_id_ = id;
  if (!word.empty() && ((word[0] >= '0' && word[0] <= '9') || word[0] == '.')) numeric_words_ = true;
  return id;
}

void Vocabulary::grow() {
  std::vector<Slot> slots(slots_.size() * 2);
  for (std::uint32_t id = 1; id < words_.size(); ++id) place(id, slots);
  slots_ = std::move(slots);
}

void Vocabulary::fill(const TokenizedText& tt) const {
  tt.word_ids.resize(tt.size());
  // Through local pointers: stored through tt.word_ids, an id could change
  // the vectors' own pointers as far as the compiler knows, and they would
  // be read again for every token.
  std::uint32_t* ids = tt.word_ids.data();
  const char* lower = tt.lower.data();
  const Slot* slots = slots_.data();
  const std::size_t mask = slots_.size() - 1;
  for (const Token& t : tt.tokens) {
    // A number token starts with a digit or '.': no need to hash it when no word does.
    *ids++ = t.kind == TokenKind::number && !numeric_words_ ? 0
                                                             : lookup({lower + t.begin, t.end - t.begin}, slots, mask);
  }
}

// ---------------------------------------------------------------- PhraseTable

template <class T>
void PhraseTable<T>::add(std::string_view phrase, bool case_sensitive, T value) {
  Entry e{{}, {}, {}, case_sensitive, std::move(value)};
  if (phrase.front() == '\'') {
    e.tokens.push_back(lower(phrase));  // a clitic is one token, as the tokenizer makes it
    e.glued.push_back(false);
  } else {
    TokenizedText tt = tokenize(phrase);
    for (const Token& t : tt.tokens) {
      e.tokens.emplace_back(case_sensitive ? tt.str(t) : tt.low(t));
      e.glued.push_back(&t != &tt.tokens.front() && !t.space_before);
    }
  }
  if (e.tokens.empty()) return;
  if (!case_sensitive)
    for (const std::string& t : e.tokens) e.ids.push_back(vocab_->add(t));
  const auto idx = static_cast<std::uint32_t>(entries_.size());
  const auto length = static_cast<std::uint32_t>(e.tokens.size());
  std::uint32_t first = vocab_->add(lower(e.tokens.front()));
  std::uint32_t last = vocab_->add(lower(e.tokens.back()));
  const bool has_next = length > 1 && !case_sensitive;
  const std::uint32_t second = has_next ? e.ids[1] : 0;
  const std::uint32_t second_to_last = has_next ? e.ids[length - 2] : 0;
  entries_.push_back(std::move(e));
  auto index = [idx, length](Index& by, std::uint32_t id, std::uint32_t next_id) {
    if (by.size() <= id) by.resize(id + 1);
    std::vector<Indexed>& v = by[id];
    v.push_back({idx, length, next_id});
    std::stable_sort(v.begin(), v.end(), [](const Indexed& a, const Indexed& b) { return a.length > b.length; });
  };
  index(by_first_, first, second);
  index(by_last_, last, second_to_last);
}

template <class T>
bool PhraseTable<T>::matches(const Entry& e, const TokenizedText& tt, std::size_t i) const {
  if (i + e.tokens.size() > tt.size()) return false;
  for (std::size_t k = 0; k < e.tokens.size(); ++k) {
    const Token& t = tt.tokens[i + k];
    if (k > 0 && (t.break_before || (e.glued[k] && t.space_before))) return false;
    if (e.case_sensitive ? tt.str(t) != e.tokens[k] : vocab_->id_at(tt, i + k) != e.ids[k]) return false;
  }
  return true;
}

template <class T>
auto PhraseTable<T>::first_match(const std::vector<Indexed>& candidates, const TokenizedText& tt,
                                 std::size_t i) const -> std::optional<Match> {
  const std::uint32_t next = vocab_->id_at(tt, i + 1);
  for (const Indexed& c : candidates) {
    if (c.next_id != 0 && c.next_id != next) continue;
    if (matches(entries_[c.entry], tt, i)) return Match{&entries_[c.entry].value, c.length};
  }
  return std::nullopt;
}

template <class T>
auto PhraseTable<T>::last_match(const std::vector<Indexed>& candidates, const TokenizedText& tt,
                                std::size_t end, std::size_t floor) const -> std::optional<Match> {
  const std::uint32_t before = end >= 2 ? vocab_->id_at(tt, end - 2) : 0;
  for (const Indexed& c : candidates) {
    if (c.length > end - floor || (c.next_id != 0 && c.next_id != before)) continue;
    if (matches(entries_[c.entry], tt, end - c.length)) return Match{&entries_[c.entry].value, c.length};
  }
  return std::nullopt;
}

template class PhraseTable<QualifierWord>;
template class PhraseTable<UnitWord>;
template class PhraseTable<CurrencyWord>;
template class PhraseTable<VagueWord>;
template class PhraseTable<NounWord>;
template class PhraseTable<Modality>;
template class PhraseTable<std::string>;

// ---------------------------------------------------------------- Lexicon

const Lexicon& Lexicon::instance() {
  static const Lexicon lexicon;
  return lexicon;
}

Lexicon::Lexicon() {
  for_rows("numbers.tsv", [&](const auto& c, std::size_t n) {
    static const std::unordered_map<std::string_view, NumberKind> kinds = {
        {"unit", NumberKind::unit},       {"ten", NumberKind::ten},
        {"hundred", NumberKind::hundred}, {"scale", NumberKind::scale},
        {"dozen", NumberKind::dozen},     {"denominator", NumberKind::denominator},
        {"suffix", NumberKind::suffix},   {"vulgar", NumberKind::vulgar}};
    auto k = kinds.find(col(c, 1));
    if (k == kinds.end()) throw std::logic_error(fmt::format("numbers.tsv:{}: bad kind", n));
    double v = number(col(c, 2), "numbers.tsv");
    if (k->second == NumberKind::suffix)
      vocab_.info_for(c[0]).suffix = v;
    else
      vocab_.info_for(c[0]).number = NumberWord{k->second, v};
  });

  for_rows("qualifiers.tsv", [&](const auto& c, std::size_t n) {
    auto q = parse_qualifier(col(c, 1));
    if (!q) throw std::logic_error(fmt::format("qualifiers.tsv:{}: bad qualifier", n));
    (col(c, 2) == "after" ? qualifiers_after : qualifiers_before).add(c[0], false, {*q});
  });

  for_rows("units.tsv", [&](const auto& c, std::size_t) {
    units.add(c[0], col(c, 5) == "cs",
              UnitWord{std::string(col(c, 1)), std::string(col(c, 2)), number(col(c, 3), "units.tsv"),
                       number(col(c, 4), "units.tsv")});
  });

  for_rows("currencies.tsv", [&](const auto& c, std::size_t) {
    if (c[0] == "code") {
      currency_codes.insert(col(c, 1));
      return;
    }
    std::string_view pos = col(c, 2);
    const double subunit = col(c, 3).empty() ? 1.0 : number(col(c, 3), "currencies.tsv");
    currencies.add(c[0], false,
                   CurrencyWord{std::string(col(c, 1)), pos != "after", pos != "before", subunit});
  });

  for_rows("vague.tsv", [&](const auto& c, std::size_t) {
    vague.add(c[0], false,
              VagueWord{number(col(c, 1), "vague.tsv"), number(col(c, 2), "vague.tsv"),
                        number(col(c, 3), "vague.tsv")});
  });

  for_rows("nouns.tsv", [&](const auto& c, std::size_t) {
    NounWord w{std::string(col(c, 1)), std::string(col(c, 2))};
    if (c[0].find(' ') != std::string_view::npos || c[0].find('-') != std::string_view::npos)
      noun_phrases.add(c[0], false, w);
    else
      vocab_.info_for(c[0]).noun = std::move(w);
  });

  for_rows("context.tsv", [&](const auto& c, std::size_t n) {
    std::string_view kind = c[0];
    std::string_view phrase = col(c, 1);
    std::string_view value = col(c, 2);
    if (kind == "modality") {
      auto m = parse_modality(value);
      if (!m) throw std::logic_error(fmt::format("context.tsv:{}: bad modality", n));
      modality.add(phrase, false, *m);
    } else if (kind == "rate") {
      rates.add(phrase, false, std::string(value));
    } else if (kind == "measure") {
      measures.add(phrase, false, std::string(value));
    } else if (kind == "attribution_verb") {
      attribution_verbs.insert(phrase);
    } else if (kind == "change") {
      change_verbs.insert(phrase);
    } else if (kind == "link") {
      links.insert(phrase);
    } else if (kind == "numeral_start") {
      numeral_starts.insert(phrase);
    } else if (kind == "period_cue") {
      period_cues.insert(phrase);
    } else if (kind == "id_cue") {
      id_cues.insert(phrase);
    } else if (kind == "stop") {
      stops.insert(phrase);
    } else if (kind == "temperature_cue") {
      temperature_cues.insert(phrase);
    } else if (kind == "ordinal") {
      ordinals.insert(phrase);
    } else if (kind == "money_cue") {
      money_cues.insert(phrase);
    } else if (kind == "participle") {
      participles.insert(phrase);
    } else if (kind == "owned") {
      owned.insert(phrase);
    } else if (kind == "increment") {
      increments.insert(phrase);
    } else if (kind == "mass_cue") {
      mass_cues.insert(phrase);
    } else if (kind == "month") {
      vocab_.info_for(phrase).month = static_cast<int>(number(value, "context.tsv"));
      date_words.insert(phrase);
    } else if (kind == "weekday") {
      vocab_.info_for(phrase).weekday = static_cast<int>(number(value, "context.tsv"));
      date_words.insert(phrase);
    } else {
      throw std::logic_error(fmt::format("context.tsv:{}: unknown kind '{}'", n, kind));
    }
  });
}

}  // namespace tally::detail
