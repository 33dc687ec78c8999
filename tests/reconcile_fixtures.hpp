// Claims built by hand for the reconciliation tests, so they do not depend
// on the extractor: a Spec says what the extractor would have found.
//
//   std::vector<tally::Claim> cs = tally::test::make_claims({
//       {.source = "Kyiv Wire", .text = "approximately 3,000", .value = 3000,
//        .qualifier = tally::Qualifier::approximate, .date = "2024-10-17"},
//   });
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <tally/claim.hpp>

namespace tally::test {

struct Spec {
  std::string source;
  std::string text;  // the figure as written ("approximately 3,000"); precision is read from it
  double value = 0;  // in the stated unit
  Qualifier qualifier = Qualifier::exact;
  std::optional<double> low = std::nullopt;   // stated interval; by default from value and qualifier
  std::optional<double> high = std::nullopt;
  std::string noun = "soldier";
  std::vector<std::string> modifiers = {};
  std::string event = "";
  std::string place = "";
  std::string entity = "";
  std::string block = "count:people";
  std::string subject = "";
  std::string dimension = "count";
  std::string unit = "";
  double to_base = 1;           // base units per stated unit
  std::string base_unit = "";   // defaults to unit
  Modality modality = Modality::asserted;
  std::optional<std::string> period = std::nullopt;
  std::optional<std::string> date = std::nullopt;
  std::string doc = "";         // defaults to "<source>.txt"
  std::string sentence = "";    // the sentence holding the figure (text must occur in it)
  std::size_t sentence_start = 0;
  bool is_rate = false;
};

inline Claim make_claim(const Spec& s, std::size_t index) {
  Claim c;
  c.doc = s.doc.empty() ? s.source + ".txt" : s.doc;
  c.source = s.source;
  c.date = s.date;
  c.index = index;
  c.sentence = s.sentence;
  Mention& m = c.mention;
  m.text = s.text;
  m.value = s.value;
  bool open_high = s.qualifier == Qualifier::at_least || s.qualifier == Qualifier::more_than;
  bool open_low = s.qualifier == Qualifier::at_most || s.qualifier == Qualifier::less_than;
  m.stated.low = s.low ? s.low : (open_low ? std::nullopt : std::optional<double>(s.value));
  m.stated.high = s.high ? s.high : (open_high ? std::nullopt : std::optional<double>(s.value));
  m.qualifier = s.qualifier;
  m.dimension = s.dimension;
  m.unit = s.unit;
  m.norm_value = s.value * s.to_base;
  if (m.stated.low) m.norm.low = *m.stated.low * s.to_base;
  if (m.stated.high) m.norm.high = *m.stated.high * s.to_base;
  m.norm_unit = s.base_unit.empty() ? s.unit : s.base_unit;
  m.noun = s.noun;
  m.noun_phrase = s.noun;
  m.subject = s.subject;
  m.block = s.block;
  m.modality = s.modality;
  m.period = s.period;
  m.modifiers = s.modifiers;
  m.event = s.event;
  m.place = s.place;
  m.entity = s.entity;
  m.is_rate = s.is_rate;
  if (!s.sentence.empty()) {
    std::size_t at = s.sentence.find(s.text);
    m.sentence_start = s.sentence_start;
    m.sentence_end = s.sentence_start + s.sentence.size();
    m.start = s.sentence_start + (at == std::string::npos ? 0 : at);
    m.end = m.start + s.text.size();
  } else {
    m.start = 100 * index;
    m.end = m.start + s.text.size();
  }
  m.line = 1;
  m.col = 1;
  return c;
}

inline std::vector<Claim> make_claims(const std::vector<Spec>& specs) {
  std::vector<Claim> out;
  for (std::size_t i = 0; i < specs.size(); ++i) out.push_back(make_claim(specs[i], i));
  return out;
}

}  // namespace tally::test
