// `check --format sarif`: SARIF 2.1.0 for code-scanning dashboards.
//
// One run; one `rules` entry per finding rule the run used, with the
// descriptions a dashboard shows; one result per finding. The first claim is
// the result's location and the others are `relatedLocations`, because a
// disagreement has more than one place. The finding id goes into
// `partialFingerprints` so a dashboard follows a finding across runs even when
// lines move (never a line number in a fingerprint). Columns count Unicode
// code points, as SPEC's `col` does; byte offsets are given too.
#include <tally/report.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/json_stream.hpp"
#include "report/present.hpp"

namespace tally::detail {
namespace {

using json = nlohmann::ordered_json;

struct RuleText {
  std::string_view id;
  std::string_view name;
  std::string_view level;  // default; each result states its own
  std::string_view short_description;
  std::string_view full_description;
  std::string_view help;
};

constexpr std::array<RuleText, 4> k_rules{{
    {"conflict", "FigureConflict", "warning", "Sources disagree about a figure",
     "Claims about the same subject, period and modality whose intervals do not overlap, even "
     "after each is widened by the tolerance its wording allows (\"about\" ±15%, a round "
     "figure by its precision).",
     "Two or more sources state incompatible figures for the same thing. Check which source is "
     "right, or whether they count different things (then the subjects need telling apart). "
     "The severity grows with the ratio between the nearest ends of the intervals; tolerances "
     "and thresholds are set in tally.json."},
    {"drift", "FigureDrift", "note", "A figure changed over time",
     "Claims about the same subject for different periods give different figures.",
     "The figure changed between periods, which is often expected (a rising toll). Make sure "
     "the newest figure is the one repeated, and that older ones are dated."},
    {"aspect", "FigureAspect", "note", "A plan or forecast differs from a count",
     "Claims about the same subject with different modality (planned, forecast, possible versus "
     "asserted) give different figures.",
     "A plan, forecast or possibility is not a count; make sure the text says which is which."},
    {"arithmetic", "ArithmeticMismatch", "warning", "Figures do not add up",
     "Parts that should add up to a stated total, or a percentage that should match its counts, "
     "do not.",
     "Recompute the total or the share from the parts the text states; one of them is wrong or "
     "the parts are not the whole."},
}};

const RuleText* known_rule(std::string_view id) {
  for (const RuleText& r : k_rules)
    if (r.id == id) return &r;
  return nullptr;
}

json rule_json(const std::string& id) {
  if (const RuleText* r = known_rule(id))
    return {{"id", id},
            {"name", std::string(r->name)},
            {"shortDescription", {{"text", std::string(r->short_description)}}},
            {"fullDescription", {{"text", std::string(r->full_description)}}},
            {"help", {{"text", std::string(r->help)}}},
            {"defaultConfiguration", {{"level", std::string(r->level)}}}};
  const std::string text = fmt::format("tally finding of rule '{}'", id);
  return {{"id", id},
          {"name", id},
          {"shortDescription", {{"text", text}}},
          {"fullDescription", {{"text", text}}},
          {"help", {{"text", text}}},
          {"defaultConfiguration", {{"level", "warning"}}}};
}

// Known rules in their documented order, then any other rule by name, so the
// list (and every ruleIndex) is the same in every run that uses the same rules.
std::vector<std::string> used_rules(const std::vector<Finding>& findings) {
  std::vector<std::string> rules;
  for (const Finding& f : findings)
    if (std::find(rules.begin(), rules.end(), f.rule) == rules.end()) rules.push_back(f.rule);
  auto rank = [](const std::string& id) -> std::size_t {
    for (std::size_t i = 0; i < k_rules.size(); ++i)
      if (k_rules[i].id == id) return i;
    return k_rules.size();
  };
  std::sort(rules.begin(), rules.end(), [&](const std::string& a, const std::string& b) {
    return std::pair(rank(a), a) < std::pair(rank(b), b);
  });
  return rules;
}

std::string_view level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "warning";
}

// A document id as a relative URI reference: unreserved characters and '/'
// as they are, everything else (spaces, ':', '#', non-ASCII bytes) percent-encoded.
std::string uri_of(std::string_view id) {
  std::string out;
  for (char ch : id) {
    const auto c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep)
      out += ch;
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

json region_json(const Mention& m) {
  json region = json::object();
  if (m.line > 0 && m.col > 0) {
    // The figure may run over a line break ("about\n3,000").
    const std::size_t last_break = m.text.rfind('\n');
    const std::size_t breaks = static_cast<std::size_t>(std::count(m.text.begin(), m.text.end(), '\n'));
    region["startLine"] = m.line;
    region["startColumn"] = m.col;
    if (breaks == 0) {
      region["endLine"] = m.line;
      region["endColumn"] = m.col + count_code_points(m.text);
    } else {
      region["endLine"] = m.line + breaks;
      region["endColumn"] = count_code_points(std::string_view(m.text).substr(last_break + 1)) + 1;
    }
  }
  if (m.end >= m.start && (m.end > m.start || m.line > 0)) {
    region["byteOffset"] = m.start;
    region["byteLength"] = m.end - m.start;
  }
  return region;
}

// "Seoul Daily (2024-10-18): about 1,500 = 1,500"
std::string claim_message(const Claim& c) {
  std::string who = (c.source.empty() ? c.doc : c.source).str();
  if (c.date) who = fmt::format("{} ({})", who, *c.date);
  return fmt::format("{}: {} = {}", clean_text(who), clean_text(c.mention.text), format_norm(c.mention));
}

json location_json(const Claim& c, std::optional<std::size_t> id) {
  json loc = json::object();
  if (id) loc["id"] = *id;
  if (c.corpus_line > 0) {
    // A record of a JSONL corpus: the corpus file and the record's line; the
    // record's id is the logical location, its text offsets are not the file's.
    loc["physicalLocation"] = {{"artifactLocation", {{"uri", uri_of(c.corpus.str())}}},
                               {"region", {{"startLine", c.corpus_line}}}};
    loc["logicalLocations"] = json::array({{{"name", c.doc.str()}, {"kind", "object"}}});
  } else if (!c.doc.empty()) {
    json physical = {{"artifactLocation", {{"uri", uri_of(c.doc)}}}};
    json region = region_json(c.mention);
    if (!region.empty()) physical["region"] = std::move(region);
    loc["physicalLocation"] = std::move(physical);
  }
  loc["message"] = {{"text", claim_message(c)}};
  return loc;
}

json result_json(const Finding& f, std::size_t rule_index, const std::vector<Claim>& claims) {
  const std::vector<std::size_t> shown = finding_claims(f, claims);
  json result = {{"ruleId", f.rule},
                 {"ruleIndex", rule_index},
                 {"level", std::string(level(f.severity))},
                 {"message", {{"text", f.message.empty() ? f.subject : f.message}}}};
  if (!shown.empty()) {
    result["locations"] = json::array({location_json(claims[shown.front()], std::nullopt)});
    json related = json::array();
    for (std::size_t k = 1; k < shown.size(); ++k) related.push_back(location_json(claims[shown[k]], k));
    if (!related.empty()) result["relatedLocations"] = std::move(related);
  }
  result["partialFingerprints"] = {{"tallyFindingId/v1", f.id}};
  json properties = {{"subject", f.subject}, {"severity", std::string(to_string(f.severity))}};
  if (f.consensus)
    properties["consensus"] = {{"value", f.consensus->value},
                               {"low", f.consensus->low},
                               {"high", f.consensus->high},
                               {"support", f.consensus->support},
                               {"unit", f.consensus->unit}};
  result["properties"] = std::move(properties);
  return result;
}

}  // namespace

void write_check_sarif(std::ostream& out, const CheckRun& run) {
  const RunData data = run_data(run);
  const std::vector<std::string> rules = used_rules(data.findings);
  json rules_json = json::array();
  for (const std::string& r : rules) rules_json.push_back(rule_json(r));
  const json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::array({{{"tool", {{"driver", {{"name", "tally"},
                                                   {"version", k_version},
                                                   {"semanticVersion", k_version},
                                                   {"rules", std::move(rules_json)}}}}},
                             {"columnKind", "unicodeCodePoints"},
                             {"results", k_streamed_items}}})}};
  // One result at a time: with their locations they are most of the log.
  dump_with_streamed_items(out, log, data.findings.size(), [&](std::size_t i) {
    const Finding& f = data.findings[i];
    const auto index = static_cast<std::size_t>(std::find(rules.begin(), rules.end(), f.rule) - rules.begin());
    return result_json(f, index, data.claims);
  });
}

}  // namespace tally::detail
