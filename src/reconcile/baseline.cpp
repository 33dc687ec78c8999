// Baselines: the ids of findings a team has accepted, so that CI on an
// existing corpus fails only on new ones. Ids are fingerprints of rule,
// subject, values and sources (never positions), so a baseline survives
// edits that move text around.
#include <tally/reconcile.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace tally {

Expected<std::set<std::string>> read_baseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path, 0, "cannot read the baseline file");
  std::ostringstream buf;
  buf << in.rdbuf();
  nlohmann::json doc = nlohmann::json::parse(buf.str(), nullptr, /*allow_exceptions=*/false,
                                             /*ignore_comments=*/true);
  if (doc.is_discarded()) return make_error(path, 0, "the baseline is not valid JSON");
  if (!doc.is_object() || !doc.contains("findings") || !doc["findings"].is_array())
    return make_error(path, 0, "the baseline has no \"findings\" array");
  std::set<std::string> ids;
  const nlohmann::json& findings = doc["findings"];
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const nlohmann::json& f = findings[i];
    if (f.is_string()) {
      ids.insert(f.get<std::string>());
    } else if (f.is_object() && f.contains("id") && f["id"].is_string()) {
      ids.insert(f["id"].get<std::string>());
    } else {
      return make_error(path, 0, "\"findings[" + std::to_string(i) + "]\": expected an id string");
    }
  }
  return ids;
}

std::optional<Error> write_baseline(const std::string& path, const std::vector<Finding>& findings,
                                    std::string_view tool_version) {
  std::vector<std::string> ids;
  for (const Finding& f : findings) ids.push_back(f.id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  nlohmann::ordered_json doc;
  doc["tool"] = "tally";
  doc["version"] = std::string(tool_version);
  doc["findings"] = ids;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return make_error(path, 0, "cannot write the baseline file");
  out << doc.dump(2) << '\n';
  out.close();
  if (!out) return make_error(path, 0, "cannot write the baseline file");
  return std::nullopt;
}

std::size_t apply_baseline(Reconciliation& result, const std::set<std::string>& baseline) {
  auto& f = result.findings;
  std::size_t before = f.size();
  f.erase(std::remove_if(f.begin(), f.end(), [&](const Finding& x) { return baseline.count(x.id) > 0; }), f.end());
  return before - f.size();
}

}  // namespace tally
