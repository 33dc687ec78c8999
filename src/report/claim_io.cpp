// Claims from records, for `tally reconcile`. Every field is checked for its
// type; a record that cannot be a claim is an error naming the field, and the
// rest of the file is still read.
#include <cmath>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include <tally/claim_io.hpp>

namespace tally {
namespace {

// The value of an optional numeric field: absent or null is nullopt; anything
// else must be a finite number.
Expected<std::optional<double>> number_field(const nlohmann::json& r, const char* key) {
  auto it = r.find(key);
  if (it == r.end() || it->is_null()) return std::optional<double>{};
  if (!it->is_number()) return make_error("", 0, fmt::format("'{}' is not a number", key));
  double v = it->get<double>();
  if (!std::isfinite(v)) return make_error("", 0, fmt::format("'{}' is not finite", key));
  return std::optional<double>{v};
}

Expected<std::optional<std::string>> string_field(const nlohmann::json& r, const char* key) {
  auto it = r.find(key);
  if (it == r.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_string()) return make_error("", 0, fmt::format("'{}' is not a string", key));
  return std::optional<std::string>{it->get<std::string>()};
}

}  // namespace

Expected<Claim> claim_from_record(const nlohmann::json& r) {
  if (!r.is_object()) return make_error("", 0, "not a JSON object");
  Claim c;
  Mention& m = c.mention;
  // NaN and infinity are not JSON, but a JSON number can still overflow to inf.
#define TALLY_FIELD(var, fn, key)      \
  auto var = fn(r, key);               \
  if (!var) return var.error();
  TALLY_FIELD(subject, string_field, "subject")
  TALLY_FIELD(source, string_field, "source")
  TALLY_FIELD(value, number_field, "value")
  TALLY_FIELD(low, number_field, "low")
  TALLY_FIELD(high, number_field, "high")
  TALLY_FIELD(block, string_field, "block")
  TALLY_FIELD(qualifier, string_field, "qualifier")
  TALLY_FIELD(unit, string_field, "unit")
  TALLY_FIELD(date, string_field, "date")
  TALLY_FIELD(doc, string_field, "doc")
  TALLY_FIELD(text, string_field, "text")
  TALLY_FIELD(dimension, string_field, "dimension")
  TALLY_FIELD(noun, string_field, "noun")
  TALLY_FIELD(modality, string_field, "modality")
  TALLY_FIELD(period, string_field, "period")
  TALLY_FIELD(attribution, string_field, "attribution")
#undef TALLY_FIELD
  if (!*subject) return make_error("", 0, "missing 'subject'");
  if (!*source) return make_error("", 0, "missing 'source'");
  if (!*value && !*low && !*high) return make_error("", 0, "missing 'value' (or 'low'/'high')");

  c.source = **source;
  c.doc = *doc ? SmallString(**doc) : c.source;
  c.date = *date;
  m.subject = **subject;
  m.value = *value ? *value : (*low && *high ? std::optional<double>((**low + **high) / 2) : (*low ? *low : *high));
  if (*qualifier) {
    auto q = parse_qualifier(**qualifier);
    if (!q) return make_error("", 0, fmt::format("unknown qualifier '{}'", **qualifier));
    m.qualifier = *q;
  }
  bool open_low = m.qualifier == Qualifier::at_most || m.qualifier == Qualifier::less_than;
  bool open_high = m.qualifier == Qualifier::at_least || m.qualifier == Qualifier::more_than;
  m.stated.low = *low ? *low : (open_low ? std::nullopt : m.value);
  m.stated.high = *high ? *high : (open_high ? std::nullopt : m.value);
  m.unit = unit->value_or("");
  m.dimension = dimension->value_or("count");
  m.block = block->value_or(m.dimension + ":" + m.unit);
  m.noun = noun->value_or("");
  m.text = text->value_or("");
  m.period = *period;
  m.attribution = *attribution;
  if (*modality) {
    auto md = parse_modality(**modality);
    if (!md) return make_error("", 0, fmt::format("unknown modality '{}'", **modality));
    m.modality = *md;
  }
  // Without `norm`, the stated figure is its own normal form.
  m.norm_value = m.value;
  m.norm = m.stated;
  m.norm_unit = m.unit;
  if (auto n = r.find("norm"); n != r.end() && n->is_object()) {
    auto nv = number_field(*n, "value");
    auto nl = number_field(*n, "low");
    auto nh = number_field(*n, "high");
    if (!nv || !nl || !nh) return make_error("", 0, "'norm' has a field that is not a finite number");
    if (*nv || *nl || *nh) {
      m.norm_value = *nv;
      m.norm.low = *nl;
      m.norm.high = *nh;
      if (auto u = n->find("unit"); u != n->end() && u->is_string()) m.norm_unit = u->get<std::string>();
    }
  }
  if (auto s = r.find("start"); s != r.end() && s->is_number_unsigned()) m.start = s->get<std::size_t>();
  if (auto s = r.find("end"); s != r.end() && s->is_number_unsigned()) m.end = s->get<std::size_t>();
  if (auto s = r.find("line"); s != r.end() && s->is_number_unsigned()) m.line = s->get<std::size_t>();
  if (auto s = r.find("col"); s != r.end() && s->is_number_unsigned()) m.col = s->get<std::size_t>();
  return c;
}

namespace {

// JSON has no NaN or infinity, so a record holding one fails to parse; name
// the real problem rather than the syntax.
std::string not_json_message(const std::string& line) {
  for (const char* word : {"NaN", "Infinity", "inf", "nan"}) {
    const std::size_t at = line.find(word);
    if (at == std::string::npos) continue;
    const bool quoted = at > 0 && line[at - 1] == '"';
    if (!quoted) return fmt::format("not valid JSON: {} is not a finite number", word);
  }
  return "not valid JSON";
}

}  // namespace

std::size_t read_claims(const std::vector<std::string>& paths, DiagnosticSink& sink,
                        const std::function<void(Claim&&)>& visit) {
  std::size_t errors = 0;
  std::size_t index = 0;
  for (const std::string& path : paths) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
      file.open(path, std::ios::binary);
      if (!file) {
        sink.report(make_error(path, 0, "cannot open file"));
        ++errors;
        continue;
      }
      in = &file;
    }
    std::string line;
    std::size_t n = 0;
    std::size_t records = 0;
    while (std::getline(*in, line)) {
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      ++records;
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded()) {
        sink.report(make_error(path, n, not_json_message(line)));
        ++errors;
        continue;
      }
      auto c = claim_from_record(j);
      if (!c) {
        sink.report(make_error(path, n, c.error().message));
        ++errors;
        continue;
      }
      c->index = index++;
      if (c->doc.empty()) c->doc = fmt::format("{}:{}", path, n);
      visit(std::move(*c));
    }
    // A claims file with no record is almost always a mistake upstream (an
    // extract run that failed, a wrong path); say so instead of passing.
    if (records == 0) {
      sink.report(make_error(path, 0, "no claim records (the file is empty)"));
      ++errors;
    }
  }
  return errors;
}

}  // namespace tally
