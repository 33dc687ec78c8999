// Subjects and blocks.
//
// block   = dimension[/rate] ":" class — coarse, exact, cheap: the reconciler
//           never compares claims across blocks, so partitioning by block is
//           safe (SPEC "Scale").
// subject = the readable key: modifiers and the counted thing, then place and
//           period when stated ("north korean personnel | in russian units").
#include "extract/subject.hpp"

#include <fmt/format.h>

namespace tally::detail {

std::string base_unit_of(std::string_view dimension, std::string_view unit) {
  if (dimension == "length") return "m";
  if (dimension == "mass") return "kg";
  if (dimension == "area") return "m2";
  if (dimension == "volume") return "m3";
  if (dimension == "duration") return "s";
  if (dimension == "speed") return "m/s";
  if (dimension == "temperature") return "°C";
  if (dimension == "power") return "W";
  if (dimension == "energy") return "J";
  if (dimension == "data") return "B";
  if (dimension == "percent") return "%";
  if (dimension == "percentage_points") return "pp";
  return std::string(unit);
}

void assign_subject(Mention& m, const NounInfo& noun, ChangeRole change) {
  std::string what = noun.klass.empty() ? noun.noun : noun.klass;
  // A measure that is another aspect than the dimension's own names what is
  // compared: "the bridge is 30 m wide" is a width (length:width) and never
  // meets "the bridge is 19 km long" (length:bridge).
  bool own_measure = noun.measure == m.dimension || (m.dimension == "mass" && noun.measure == "weight");
  if (!noun.measure.empty() && (what.empty() || !own_measure)) what = noun.measure;
  std::string dim = m.dimension.str();
  if (m.is_rate) {
    auto slash = m.unit.rfind('/');
    if (slash != std::string::npos) dim += m.unit.substr(slash);
  }
  m.block = fmt::format("{}:{}", dim, what.empty() ? "?" : what);
  if (change == ChangeRole::old_value) m.block += ":from";
  if (change == ChangeRole::amount) m.block += ":change";
  // A part ("12 of the 40 buses were running") is never compared with the
  // size of the group ("the city runs 40 buses").
  if (noun.part) m.block += ":part";

  std::string subject;
  if (!m.entity.empty()) {
    subject += m.entity;
    subject += ' ';
  }
  if (noun.part) subject += "part of ";
  for (const std::string& mod : noun.modifiers) {
    subject += mod;
    subject += ' ';
  }
  subject += noun.noun.empty() ? (what.empty() ? std::string("?") : what) : noun.noun;
  if (!noun.place.empty()) subject += " | " + noun.place;
  if (m.period) subject += " | " + *m.period;
  m.subject = std::move(subject);
}

}  // namespace tally::detail
