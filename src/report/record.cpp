// SPEC's extract record: the one shape every JSON output shares.
#include <cmath>

#include <tally/report.hpp>

namespace tally {
namespace {

nlohmann::json number_or_null(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  double d = *v;
  // Integers print as integers: 3000, not 3000.0.
  if (std::fabs(d) < 9.007199254740992e15 && d == std::floor(d)) return static_cast<std::int64_t>(d);
  return d;
}

nlohmann::json string_or_null(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return *s;
}

}  // namespace

nlohmann::json to_record(const Claim& c) {
  const Mention& m = c.mention;
  nlohmann::json r = nlohmann::json::object();
  r["doc"] = c.doc;
  r["source"] = c.source;
  r["date"] = string_or_null(c.date);
  r["start"] = m.start;
  r["end"] = m.end;
  r["line"] = m.line;
  r["col"] = m.col;
  r["text"] = m.text;
  r["value"] = number_or_null(m.value);
  r["low"] = number_or_null(m.stated.low);
  r["high"] = number_or_null(m.stated.high);
  r["qualifier"] = std::string(to_string(m.qualifier));
  r["dimension"] = m.dimension;
  r["unit"] = m.unit;
  r["noun"] = m.noun;
  r["noun_phrase"] = m.noun_phrase;
  r["norm"] = {{"value", number_or_null(m.norm_value)},
               {"low", number_or_null(m.norm.low)},
               {"high", number_or_null(m.norm.high)},
               {"unit", m.norm_unit}};
  r["subject"] = m.subject;
  r["block"] = m.block;
  r["modality"] = std::string(to_string(m.modality));
  r["period"] = string_or_null(m.period);
  r["attribution"] = string_or_null(m.attribution);
  r["sentence"] = {{"start", m.sentence_start}, {"end", m.sentence_end}};
  return r;
}

}  // namespace tally
