// Subjects and blocks.
//
// block   = dimension[/rate] ":" class — coarse, exact, cheap: the reconciler
//           never compares claims across blocks, so partitioning by block is
//           safe (SPEC "Scale").
// subject = the readable key: modifiers and the counted thing, then place and
//           period when stated ("north korean personnel | in russian units").
#include "extract/subject.hpp"

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
  if (dimension == "ratio") return "x";
  if (dimension == "voltage") return "V";
  if (dimension == "current") return "A";
  if (dimension == "frequency") return "Hz";
  if (dimension == "pressure") return "Pa";
  return std::string(unit);
}

SubjectKey subject_of(std::string_view dimension, std::string_view unit, bool is_rate,
                   const std::optional<std::string>& period, const NounInfo& noun, std::string_view entity,
                   ChangeRole change) {
  std::string_view what = noun.klass.empty() ? noun.noun : noun.klass;
  // A measure that is another aspect than the dimension's own names what is
  // compared: "the bridge is 30 m wide" is a width (length:width) and never
  // meets "the bridge is 19 km long" (length:bridge).
  bool own_measure = noun.measure == dimension || (dimension == "mass" && noun.measure == "weight");
  if (!noun.measure.empty() && (what.empty() || !own_measure)) what = noun.measure;
  if (what.empty()) what = "?";

  SubjectKey out;
  out.block = dimension;
  if (is_rate) {
    if (auto slash = unit.rfind('/'); slash != std::string_view::npos) out.block += unit.substr(slash);
  }
  out.block += ':';
  out.block += what;
  if (change == ChangeRole::old_value) out.block += ":from";
  if (change == ChangeRole::amount) out.block += ":change";
  // A part ("12 of the 40 buses were running") is never compared with the
  // size of the group ("the city runs 40 buses").
  if (noun.part) out.block += ":part";

  if (!entity.empty()) {
    out.subject += entity;
    out.subject += ' ';
  }
  if (noun.part) out.subject += "part of ";
  for (const std::string& mod : noun.modifiers) {
    out.subject += mod;
    out.subject += ' ';
  }
  out.subject += noun.noun.empty() ? what : std::string_view(noun.noun);
  if (!noun.place.empty()) {
    out.subject += " | ";
    out.subject += noun.place;
  }
  if (period) {
    out.subject += " | ";
    out.subject += *period;
  }
  return out;
}

}  // namespace tally::detail
