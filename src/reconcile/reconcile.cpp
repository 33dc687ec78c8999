// Reconciliation: claims -> subjects -> cells -> findings.
//
// A subject (grouping.hpp) splits into cells by modality and period. Within
// a cell the claims should state one value: widened intervals that do not
// all share a point are a `conflict`. Across periods of one modality the
// value may move: `drift`. Across modalities (a plan against a count) the
// values need not match: `aspect`. Every rule looks at one subject, hence at
// one block, which is what makes findings independent of how the claims are
// partitioned; reliability (estimated across everything) is used only for
// the `consensus` of each finding and subject.
#include <tally/reconcile.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <tuple>

#include <fmt/format.h>

#include "reconcile/arithmetic.hpp"
#include "reconcile/consensus.hpp"
#include "reconcile/grouping.hpp"
#include "reconcile/interval.hpp"

namespace tally {
namespace {

using detail::Bounds;

// At most this many claims are listed in one finding; the id still covers all.
constexpr std::size_t k_max_listed = 50;
// Values named in one message, and sources named per value.
constexpr std::size_t k_max_values_named = 4;
constexpr std::size_t k_max_sources_named = 3;

// Figures of these dimensions describe a thing rather than an evolving
// count, so the date of the report is not taken as the time they are about.
bool static_dimension(std::string_view d) {
  return d == "length" || d == "area" || d == "volume" || d == "mass" || d == "data" || d == "duration";
}

// The time a claim is about: its stated period; in `check`, else the date of
// its document (a news figure is "as of" its report) unless it measures
// something that does not change by the day. `reconcile` takes records as
// given: their subject says what they are about.
std::string period_of(const Claim& c, Grouping grouping) {
  if (c.mention.period && !c.mention.period->empty()) return c.mention.period->str();
  if (grouping == Grouping::cluster && c.date && !c.date->empty() && !static_dimension(c.mention.dimension))
    return c.date->substr(0, 10);
  return "";
}

bool has_value(const Mention& m) {
  auto finite = [](const std::optional<double>& v) { return v && std::isfinite(*v); };
  if (m.value && !std::isfinite(*m.value)) return false;
  if (m.norm_value && !std::isfinite(*m.norm_value)) return false;
  return finite(m.norm_value) || finite(m.norm.low) || finite(m.norm.high) || finite(m.value) ||
         finite(m.stated.low) || finite(m.stated.high);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ULL) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

std::string finding_id(std::string_view rule, std::string_view block, std::string_view subject,
                       const std::vector<Claim>& claims, const std::vector<Bounds>& bounds,
                       std::span<const std::size_t> members, std::string_view extra) {
  std::vector<std::string> values;
  std::vector<std::string_view> sources;
  for (std::size_t p : members) {
    values.push_back(fmt::format("{:.9g}", bounds[p].point));
    sources.push_back(claims[p].source);
  }
  std::sort(values.begin(), values.end());
  std::sort(sources.begin(), sources.end());
  std::uint64_t h = fnv1a(rule);
  h = fnv1a(std::string_view("\x1f"), h);
  h = fnv1a(block, h);
  h = fnv1a(std::string_view("\x1f"), h);
  h = fnv1a(subject, h);
  for (const auto& v : values) h = fnv1a(v, fnv1a(std::string_view("\x1e"), h));
  for (const auto& s : sources) h = fnv1a(s, fnv1a(std::string_view("\x1d"), h));
  h = fnv1a(extra, fnv1a(std::string_view("\x1c"), h));
  return fmt::format("{:012x}", h >> 16);
}

std::string figure_text(const Claim& c, const Bounds& b) {
  if (!c.mention.text.empty()) return c.mention.text.str();
  std::string v = detail::format_figure(c.mention.value.value_or(b.point));
  return c.mention.unit.empty() ? v : v + " " + c.mention.unit;
}

std::string name_sources(const std::vector<std::string>& names) {
  std::vector<std::string> shown(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(std::min(names.size(), k_max_sources_named)));
  std::size_t others = names.size() - shown.size();
  if (others > 0) return fmt::format("{} and {} other{}", fmt::join(shown, ", "), others, others > 1 ? "s" : "");
  if (shown.size() == 1) return shown[0];
  std::string head = fmt::format("{}", fmt::join(shown.begin(), shown.end() - 1, ", "));
  return head + " and " + shown.back();
}

std::string times_apart(double r) {
  return r < 1.1 ? fmt::format("{:.2f}x", r) : fmt::format("{:.1f}x", r);
}

// The claim standing for a set: the median by value; ties go to the first
// by (source, doc, offset), so the choice does not depend on input order.
std::size_t median_claim(const std::vector<Claim>& claims, const std::vector<Bounds>& bounds,
                         std::vector<std::size_t> members) {
  std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(bounds[a].point, claims[a].source, claims[a].doc, claims[a].mention.start) <
           std::tie(bounds[b].point, claims[b].source, claims[b].doc, claims[b].mention.start);
  });
  return members[(members.size() - 1) / 2];
}

struct Cell {
  Modality modality = Modality::asserted;
  std::string period;
  std::vector<std::size_t> claims;  // by Claim::index
};

// Where a claim is: in a compared subject (its index), alone, or nowhere
// (not eligible).
constexpr std::uint32_t k_lone = UINT32_MAX - 1;
constexpr std::uint32_t k_no_subject = UINT32_MAX;

class Reconciler {
 public:
  Reconciler(const std::vector<Claim>& claims, const Config& config, Grouping grouping, ReconcileOptions options)
      : claims_(claims), config_(config), grouping_(grouping), options_(options) {}

  Reconciliation run() {
    widen_claims();
    subjects_ = detail::form_subjects(claims_, eligible_, config_, grouping_);
    split_into_cells();
    reliability_ = detail::estimate_reliability(claims_, facts_, every_cell());

    Reconciliation out;
    out.source_reliability = reliability_.reported;
    out.subject_count = subjects_.compared.size() + subjects_.lone.size();
    // A lone claim is compared with nothing, so only compared subjects can
    // make findings.
    for (std::size_t s = 0; s < subjects_.compared.size(); ++s) {
      if (ignored(subjects_.compared[s])) continue;
      conflicts(s, out.findings);
      drift(s, out.findings);
      aspect(s, out.findings);
    }
    if (options_.summaries) out.subjects = summaries();
    arithmetic(out.findings);
    std::sort(out.findings.begin(), out.findings.end(), [&](const Finding& a, const Finding& b) {
      int sa = -static_cast<int>(a.severity), sb = -static_cast<int>(b.severity);
      std::size_t ia = first_index(a), ib = first_index(b);
      return std::tie(sa, a.subject, ia, a.rule, a.id) < std::tie(sb, b.subject, ib, b.rule, b.id);
    });
    return out;
  }

 private:
  // Widens every claim that has a value (ignored paths excepted) once; those
  // whose point is finite are the eligible ones.
  void widen_claims() {
    std::vector<Bounds> bounds(claims_.size());
    has_bounds_.assign(claims_.size(), false);
    for (std::size_t p = 0; p < claims_.size(); ++p) {
      const Claim& c = claims_[p];
      if (!has_value(c.mention) || path_ignored(config_, c.doc)) continue;
      const double scale = detail::comparison_unit(c.mention, config_).scale;
      bounds[p] = detail::widen_bounds(c.mention, tolerances_for(config_, c.doc), scale);
      has_bounds_[p] = true;
      if (std::isfinite(bounds[p].point)) eligible_.push_back(p);
    }
    facts_ = detail::claim_facts(claims_, std::move(bounds));
  }

  // Cells of the compared subjects: their claims by modality and period.
  void split_into_cells() {
    subject_of_.assign(claims_.size(), k_no_subject);
    for (std::size_t p : subjects_.lone) subject_of_[p] = k_lone;
    cells_.resize(subjects_.compared.size());
    for (std::size_t s = 0; s < subjects_.compared.size(); ++s) {
      std::map<std::pair<int, std::string>, std::vector<std::size_t>> by_cell;
      for (std::size_t p : subjects_.compared[s].claims) {
        subject_of_[p] = static_cast<std::uint32_t>(s);
        by_cell[{static_cast<int>(claims_[p].mention.modality), period_of(claims_[p], grouping_)}].push_back(p);
      }
      for (auto& [key, members] : by_cell)
        cells_[s].push_back({static_cast<Modality>(key.first), key.second, std::move(members)});
    }
  }

  // Every eligible claim's cell, a lone claim's being itself alone.
  std::vector<std::span<const std::size_t>> every_cell() const {
    std::vector<std::span<const std::size_t>> all;
    all.reserve(subjects_.lone.size() + subjects_.compared.size());
    for (const std::vector<Cell>& cells : cells_)
      for (const Cell& c : cells) all.emplace_back(c.claims);
    for (const std::size_t& p : subjects_.lone) all.emplace_back(&p, 1);
    return all;
  }

  const Bounds& bounds(std::size_t p) const { return facts_.bounds[p]; }

  std::size_t first_index(const Finding& f) const {
    std::size_t m = SIZE_MAX;
    for (std::size_t p : f.claims) m = std::min(m, claims_[p].index);
    return m;
  }

  bool ignored(const detail::Subject& s) const { return ignored(s.label, s.claims); }

  bool ignored(std::string_view label_text, std::span<const std::size_t> claims) const {
    if (config_.ignore_subjects.empty()) return false;
    std::string label = lower(label_text);
    for (const std::string& pat : config_.ignore_subjects) {
      std::string p = lower(pat);
      if (p.empty()) continue;
      if (label.find(p) != std::string::npos) return true;
      for (std::size_t c : claims)
        if (lower(claims_[c].mention.subject).find(p) != std::string::npos) return true;
    }
    return false;
  }

  // The unit a claim is compared in ("" if it was never widened).
  std::string comparison_unit(std::size_t p) const {
    return has_bounds_[p] ? detail::comparison_unit(claims_[p].mention, config_).unit : std::string();
  }

  ClaimExplanation explain_claim(std::size_t p) const {
    std::string tolerance;
    if (has_bounds_[p]) {
      const Claim& c = claims_[p];
      const double scale = detail::comparison_unit(c.mention, config_).scale;
      tolerance = detail::widen(c.mention, tolerances_for(config_, c.doc), scale).tolerance;
    }
    return {p, bounds(p).low, bounds(p).high, comparison_unit(p), std::move(tolerance)};
  }

  void explain_intervals(Finding& f) const {
    f.explanation.intervals.reserve(f.claims.size());
    for (std::size_t p : f.claims) f.explanation.intervals.push_back(explain_claim(p));
  }

  std::string severity_reason(double ratio, Severity sev) const {
    return sev == Severity::error
               ? fmt::format("ratio {:.3g} between the nearest ends is at least error_ratio {}", ratio,
                             config_.severity.error_ratio)
               : fmt::format("ratio {:.3g} between the nearest ends is below error_ratio {}", ratio,
                             config_.severity.error_ratio);
  }

  // No consensus when no source agrees with the vote: two sources that
  // disagree with equal weight have no majority, and the value between them
  // (42 s between 30 s and 60 s) is one nobody stated.
  std::optional<Consensus> consensus(std::span<const std::size_t> cell) const {
    const std::string unit = cell.empty() ? std::string() : comparison_unit(cell.front());
    Consensus c = detail::consensus_of(claims_, facts_, unit, cell, reliability_);
    if (c.support == 0) return std::nullopt;
    return c;
  }

  // The claim standing for a cell in a drift: the one nearest its consensus
  // (so neither an outlier nor a rounded figure speaks for the period); among
  // equally near claims the median, else the first by value, source, doc.
  std::size_t representative(const Cell& cell) const {
    double truth = detail::consensus_point(claims_, facts_, cell.claims, reliability_);
    auto far = [&](std::size_t p) { return std::fabs(bounds(p).point - truth); };
    double nearest = HUGE_VAL;
    for (std::size_t p : cell.claims) nearest = std::min(nearest, far(p));
    const double slack = 1e-9 * std::max(1.0, std::fabs(truth));
    std::size_t median = median_claim(claims_, facts_.bounds, cell.claims);
    if (far(median) <= nearest + slack) return median;
    std::optional<std::size_t> best;
    for (std::size_t p : cell.claims) {
      if (far(p) > nearest + slack) continue;
      if (!best || std::tie(bounds(p).point, claims_[p].source, claims_[p].doc, claims_[p].mention.start) <
                       std::tie(bounds(*best).point, claims_[*best].source, claims_[*best].doc,
                                claims_[*best].mention.start))
        best = p;
    }
    return *best;
  }

  // The cell whose consensus stands for the subject: asserted if any (else
  // the first modality), its latest stated period.
  const Cell* main_cell(std::size_t s, std::optional<Modality> modality = std::nullopt) const {
    const Cell* best = nullptr;
    for (const Cell& c : cells_[s]) {
      if (modality && c.modality != *modality) continue;
      if (!best) {
        best = &c;
        continue;
      }
      bool c_asserted = c.modality == Modality::asserted, b_asserted = best->modality == Modality::asserted;
      if (c_asserted != b_asserted) {
        if (c_asserted) best = &c;
        continue;
      }
      if (c.modality == best->modality && c.period > best->period) best = &c;
    }
    return best;
  }

  void conflicts(std::size_t s, std::vector<Finding>& out) const {
    const detail::Subject& subj = subjects_.compared[s];
    for (const Cell& cell : cells_[s]) {
      if (cell.claims.size() < 2) continue;
      // All intervals share a point iff the largest low is below the smallest high.
      double max_low = -HUGE_VAL, min_high = HUGE_VAL;
      for (std::size_t p : cell.claims) {
        max_low = std::max(max_low, bounds(p).low);
        min_high = std::min(min_high, bounds(p).high);
      }
      if (max_low <= min_high) continue;

      // Groups that agree among themselves: sweep by low end, closing a group
      // when the next claim no longer meets all of it.
      std::vector<std::size_t> order = cell.claims;
      std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::make_tuple(bounds(a).low, bounds(a).high, claims_[a].index) <
               std::make_tuple(bounds(b).low, bounds(b).high, claims_[b].index);
      });
      std::vector<std::vector<std::size_t>> groups;
      double group_high = -HUGE_VAL;
      for (std::size_t p : order) {
        if (groups.empty() || bounds(p).low > group_high) {
          groups.push_back({p});
          group_high = bounds(p).high;
        } else {
          groups.back().push_back(p);
          group_high = std::min(group_high, bounds(p).high);
        }
      }
      struct Side {
        std::vector<std::size_t> claims;
        std::size_t sources;
        std::size_t first;
        std::size_t rep;
      };
      std::vector<Side> sides;
      for (auto& g : groups) {
        std::sort(g.begin(), g.end(), [&](std::size_t a, std::size_t b) { return claims_[a].index < claims_[b].index; });
        sides.push_back({g, detail::independent_sources(facts_, g), claims_[g.front()].index,
                         median_claim(claims_, facts_.bounds, g)});
      }
      // The majority first, then the first reported.
      std::sort(sides.begin(), sides.end(), [](const Side& a, const Side& b) {
        return std::make_tuple(-static_cast<long long>(a.sources), a.first) <
               std::make_tuple(-static_cast<long long>(b.sources), b.first);
      });
      std::vector<std::string> parts;
      double min_point = HUGE_VAL, max_point = -HUGE_VAL;
      for (const Side& side : sides) {
        min_point = std::min(min_point, bounds(side.rep).point);
        max_point = std::max(max_point, bounds(side.rep).point);
        if (parts.size() == k_max_values_named) continue;
        std::vector<std::string> names;
        for (std::size_t p : side.claims)
          if (std::find(names.begin(), names.end(), claims_[p].source) == names.end())
            names.push_back(claims_[p].source.str());
        std::size_t first_claim = side.claims.front();
        parts.push_back(fmt::format("{} {} {}", name_sources(names), names.size() > 1 ? "say" : "says",
                                    figure_text(claims_[first_claim], bounds(first_claim))));
      }
      if (sides.size() > k_max_values_named)
        parts.push_back(fmt::format("and {} other values", sides.size() - k_max_values_named));
      double ratio = detail::gap_ratio(min_high, max_low);
      double point_ratio = detail::gap_ratio(min_point, max_point);
      if (point_ratio <= 1) point_ratio = ratio;

      Finding f;
      f.rule = "conflict";
      f.severity = ratio >= config_.severity.error_ratio ? Severity::error : Severity::warning;
      f.subject = subj.label;
      f.message = fmt::format("{} ({} apart)", fmt::join(parts, "; "), times_apart(point_ratio));
      f.claims = listed(sides_claims(sides));
      f.consensus = consensus(cell.claims);
      f.id = finding_id(f.rule, subj.block, subj.label, claims_, facts_.bounds, cell.claims, cell_key(cell));
      if (options_.explain) {
        f.explanation.matched = subj.matched;
        f.explanation.matched.push_back(fmt::format("same modality: {}", to_string(cell.modality)));
        f.explanation.matched.push_back(cell.period.empty() ? std::string("no period stated")
                                                            : fmt::format("same period: {}", cell.period));
        explain_intervals(f);
        f.explanation.ratio = ratio;
        f.explanation.severity_reason = severity_reason(ratio, f.severity);
      }
      out.push_back(std::move(f));
    }
  }

  template <class Side>
  std::vector<std::vector<std::size_t>> sides_claims(const std::vector<Side>& sides) const {
    std::vector<std::vector<std::size_t>> v;
    for (const Side& s : sides) v.push_back(s.claims);
    return v;
  }

  // Claims to list, round robin over the groups when there are too many, so
  // every side of a disagreement is shown; in input order.
  std::vector<std::size_t> listed(const std::vector<std::vector<std::size_t>>& groups) const {
    std::vector<std::size_t> out;
    std::size_t total = 0;
    for (const auto& g : groups) total += g.size();
    if (total <= k_max_listed) {
      for (const auto& g : groups) out.insert(out.end(), g.begin(), g.end());
    } else {
      for (std::size_t round = 0; out.size() < k_max_listed; ++round) {
        bool any = false;
        for (const auto& g : groups)
          if (round < g.size() && out.size() < k_max_listed) {
            out.push_back(g[round]);
            any = true;
          }
        if (!any) break;
      }
    }
    std::sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) { return claims_[a].index < claims_[b].index; });
    return out;
  }

  static std::string cell_key(const Cell& c) {
    return fmt::format("{}|{}", to_string(c.modality), c.period);
  }

  void drift(std::size_t s, std::vector<Finding>& out) const {
    const detail::Subject& subj = subjects_.compared[s];
    std::map<int, std::vector<const Cell*>> by_modality;
    for (const Cell& c : cells_[s])
      if (!c.period.empty()) by_modality[static_cast<int>(c.modality)].push_back(&c);
    for (auto& [mod, cells] : by_modality) {
      if (cells.size() < 2) continue;
      std::sort(cells.begin(), cells.end(), [](const Cell* a, const Cell* b) { return a->period < b->period; });
      std::vector<std::size_t> reps;
      double max_low = -HUGE_VAL, min_high = HUGE_VAL;
      for (const Cell* c : cells) {
        std::size_t r = representative(*c);
        reps.push_back(r);
        max_low = std::max(max_low, bounds(r).low);
        min_high = std::min(min_high, bounds(r).high);
      }
      if (max_low <= min_high) continue;  // the figure held
      std::vector<std::string> steps;
      for (std::size_t k = 0; k < reps.size(); ++k)
        steps.push_back(fmt::format("{} on {}", figure_text(claims_[reps[k]], bounds(reps[k])), cells[k]->period));
      Finding f;
      f.rule = "drift";
      f.severity = Severity::note;
      f.subject = subj.label;
      f.message = fmt::format("the figure changed over time: {}", fmt::join(steps, " → "));
      if (static_cast<Modality>(mod) != Modality::asserted)
        f.message += fmt::format(" ({})", to_string(static_cast<Modality>(mod)));
      f.claims = reps;  // in period order
      f.consensus = consensus(cells.back()->claims);
      f.id = finding_id(f.rule, subj.block, subj.label, claims_, facts_.bounds, reps,
                        to_string(static_cast<Modality>(mod)));
      if (options_.explain) {
        f.explanation.matched = subj.matched;
        f.explanation.matched.push_back(
            fmt::format("same modality ({}), periods {}", to_string(static_cast<Modality>(mod)),
                        fmt::join(std::vector<std::string>{cells.front()->period, cells.back()->period}, " to ")));
        explain_intervals(f);
        f.explanation.ratio = detail::gap_ratio(min_high, max_low);
        f.explanation.severity_reason =
            "drift is a note: a figure that changes between periods is an update, not a contradiction";
      }
      out.push_back(std::move(f));
    }
  }

  void aspect(std::size_t s, std::vector<Finding>& out) const {
    const detail::Subject& subj = subjects_.compared[s];
    // Most subjects hold one modality: nothing to pair.
    const Modality first = claims_[subj.claims.front()].mention.modality;
    if (std::all_of(subj.claims.begin(), subj.claims.end(),
                    [&](std::size_t p) { return claims_[p].mention.modality == first; }))
      return;
    // Claims meet only when they are about the same time: a claim that states
    // a period meets the claims of that period and those that state none; all
    // meet when none states one. A fourth-quarter forecast never meets a
    // third-quarter result. Per pool, the hull ends per modality: two claims
    // of different modalities fail to overlap iff one modality's smallest
    // high is below the other's largest low.
    using Ends = std::map<int, std::pair<double, double>>;  // modality -> (max low, min high)
    auto widen = [&](Ends& ends, std::size_t p) {
      auto [it, added] = ends.emplace(static_cast<int>(claims_[p].mention.modality), std::make_pair(-HUGE_VAL, HUGE_VAL));
      it->second.first = std::max(it->second.first, bounds(p).low);
      it->second.second = std::min(it->second.second, bounds(p).high);
    };
    std::map<std::string_view, std::vector<std::size_t>> stated;  // period -> claims
    Ends unstated;  // the ends of the claims that state no period, once for every pool
    bool any_unstated = false;
    for (std::size_t p : subj.claims) {
      const auto& period = claims_[p].mention.period;
      if (period && !period->empty()) {
        stated[std::string_view(*period)].push_back(p);
      } else {
        widen(unstated, p);
        any_unstated = true;
      }
    }
    double ratio = 1;
    auto apart = [&](const Ends& ends) {
      bool found = false;
      for (const auto& [m1, e1] : ends)
        for (const auto& [m2, e2] : ends) {
          if (m1 == m2 || !(e1.second < e2.first)) continue;
          found = true;
          ratio = std::max(ratio, detail::gap_ratio(e1.second, e2.first));
        }
      return found;
    };
    std::set<std::string_view> apart_periods;
    bool unstated_involved = stated.empty() && apart(unstated);
    for (const auto& [period, ps] : stated) {
      Ends ends = unstated;
      for (std::size_t p : ps) widen(ends, p);
      if (!apart(ends)) continue;
      apart_periods.insert(period);
      unstated_involved = unstated_involved || any_unstated;
    }
    if (apart_periods.empty() && !unstated_involved) return;
    auto involved = [&](std::size_t p) {
      const auto& period = claims_[p].mention.period;
      if (period && !period->empty()) return apart_periods.count(std::string_view(*period)) > 0;
      return unstated_involved;
    };
    std::map<int, std::vector<std::size_t>> members;  // in the subject's order
    for (std::size_t p : subj.claims)
      if (involved(p)) members[static_cast<int>(claims_[p].mention.modality)].push_back(p);
    std::vector<std::string> parts;
    std::vector<std::vector<std::size_t>> groups;
    for (const auto& [mod, ps] : members) {
      // One entry per value, naming its sources: "10,000 (Kyiv Wire, Pacific
      // Ledger and Seoul Daily)" rather than the same figure three times.
      std::vector<std::pair<double, std::vector<std::string>>> values;  // in order of first claim
      std::vector<std::size_t> first_of;
      std::map<double, std::size_t> slot;
      std::set<std::pair<std::size_t, std::string_view>> seen;  // (value, source) named
      for (std::size_t p : ps) {
        auto [it, added] = slot.emplace(bounds(p).point, values.size());
        if (added) {
          values.push_back({bounds(p).point, {}});
          first_of.push_back(p);
        }
        if (seen.insert({it->second, claims_[p].source}).second)
          values[it->second].second.push_back(claims_[p].source.str());
      }
      std::vector<std::string> figs;
      for (std::size_t k = 0; k < values.size() && k < k_max_values_named; ++k)
        figs.push_back(fmt::format("{} ({})", figure_text(claims_[first_of[k]], bounds(first_of[k])),
                                   name_sources(values[k].second)));
      std::string more = values.size() > k_max_values_named
                             ? fmt::format(" and {} other values", values.size() - k_max_values_named)
                             : "";
      parts.push_back(fmt::format("{} {}{}", to_string(static_cast<Modality>(mod)), fmt::join(figs, ", "), more));
      groups.push_back(ps);
    }
    Finding f;
    f.rule = "aspect";
    f.severity = Severity::note;
    f.subject = subj.label;
    f.message = fmt::format("{}: different modalities are not compared", fmt::join(parts, " vs "));
    f.claims = listed(groups);
    if (const Cell* c = main_cell(s)) f.consensus = consensus(c->claims);
    f.id = finding_id(f.rule, subj.block, subj.label, claims_, facts_.bounds, subj.claims, "");
    if (options_.explain) {
      f.explanation.matched = subj.matched;
      f.explanation.matched.push_back("different modalities: a plan, forecast or possibility is not a count");
      explain_intervals(f);
      f.explanation.ratio = ratio;
      f.explanation.severity_reason = "aspect is a note: claims of different modality are not compared";
    }
    out.push_back(std::move(f));
  }

  void arithmetic(std::vector<Finding>& out) const {
    for (detail::ArithmeticIssue& is : detail::check_arithmetic(claims_, eligible_, config_)) {
      const std::uint32_t s = subject_of_[is.total];
      const Mention& total = claims_[is.total].mention;
      std::string label;
      if (s == k_lone) {
        label = detail::lone_label(total);
        if (ignored(label, std::span<const std::size_t>(&is.total, 1))) continue;
      } else if (s != k_no_subject) {
        label = subjects_.compared[s].label;
        if (ignored(subjects_.compared[s])) continue;
      } else {
        label = total.subject;
      }
      std::vector<std::size_t> members = is.parts;
      members.push_back(is.total);
      if (is.kind == detail::ArithmeticKind::percent_mismatch) members.push_back(is.percent);
      std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
        return claims_[a].mention.start < claims_[b].mention.start;
      });
      Finding f;
      f.rule = "arithmetic";
      f.severity = is.ratio >= config_.severity.error_ratio ? Severity::error : Severity::warning;
      f.subject = label;
      f.message = is.message;
      f.claims = members;
      f.id = finding_id(f.rule, total.block, label, claims_, facts_.bounds, members, claims_[is.total].doc);
      if (options_.explain) {
        f.explanation.matched = {fmt::format("one sentence of {}", claims_[is.total].doc),
                                 is.kind == detail::ArithmeticKind::percent_mismatch
                                     ? "a count, its total and the percentage said to restate them"
                                     : "a stated total and parts of it"};
        for (std::size_t p : f.claims) {
          ClaimExplanation ce = explain_claim(p);
          ce.tolerance = is.tolerance;
          f.explanation.intervals.push_back(std::move(ce));
        }
        f.explanation.ratio = is.ratio;
        f.explanation.severity_reason = severity_reason(is.ratio, f.severity);
      }
      out.push_back(std::move(f));
    }
  }

  // Summaries of the subjects that are not ignored, compared and lone ones
  // in one order: by block, then by the first claim's index.
  std::vector<SubjectSummary> summaries() const {
    std::vector<std::size_t> lone = subjects_.lone;
    auto key = [&](std::size_t p) {
      return std::tuple<std::string_view, std::size_t, std::size_t>(claims_[p].mention.block, claims_[p].index, p);
    };
    std::sort(lone.begin(), lone.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    std::vector<SubjectSummary> out;
    std::size_t s = 0, l = 0;
    const std::vector<detail::Subject>& compared = subjects_.compared;
    while (s < compared.size() || l < lone.size()) {
      const std::size_t first = s < compared.size() ? compared[s].claims.front() : 0;
      const bool take_compared =
          l == lone.size() ||
          (s < compared.size() &&
           std::tuple<const std::string&, std::size_t, std::size_t>(compared[s].block, claims_[first].index, first) <
               key(lone[l]));
      if (take_compared) {
        if (!ignored(compared[s])) out.push_back(summary(s));
        ++s;
      } else {
        const std::span<const std::size_t> claim(&lone[l], 1);
        if (!ignored(detail::lone_label(claims_[lone[l]].mention), claim)) out.push_back(summary(claim));
        ++l;
      }
    }
    return out;
  }

  SubjectSummary summary(std::size_t s) const {
    const detail::Subject& subj = subjects_.compared[s];
    SubjectSummary sum;
    sum.subject = subj.label;
    sum.block = subj.block;
    sum.claims = subj.claims;
    if (const Cell* c = main_cell(s)) sum.consensus = consensus(c->claims);
    add_sources(sum);
    return sum;
  }

  // A lone claim's subject: itself, its one cell.
  SubjectSummary summary(std::span<const std::size_t> lone) const {
    const Mention& m = claims_[lone.front()].mention;
    SubjectSummary sum;
    sum.subject = detail::lone_label(m);
    sum.block = m.block;
    sum.claims.assign(lone.begin(), lone.end());
    sum.consensus = consensus(lone);
    add_sources(sum);
    return sum;
  }

  void add_sources(SubjectSummary& sum) const {
    for (std::size_t p : sum.claims) {
      auto it = reliability_.reported.find(claims_[p].source.str());
      sum.sources[claims_[p].source.str()] = it == reliability_.reported.end() ? 0.5 : it->second;
    }
  }

  const std::vector<Claim>& claims_;
  const Config& config_;
  Grouping grouping_;
  ReconcileOptions options_;
  detail::ClaimFacts facts_;       // bounds, source ids and wording keys, by position
  std::vector<bool> has_bounds_;   // widened: has a value, path not ignored
  std::vector<std::size_t> eligible_;
  detail::Subjects subjects_;
  std::vector<std::uint32_t> subject_of_;  // index into subjects_.compared, or k_lone, k_no_subject
  std::vector<std::vector<Cell>> cells_;   // of each compared subject
  detail::Reliability reliability_;
};

}  // namespace

Reconciliation reconcile(const std::vector<Claim>& claims, const Config& config, Grouping grouping,
                         ReconcileOptions options) {
  return Reconciler(claims, config, grouping, options).run();
}

bool should_fail(const Reconciliation& result, const std::vector<Claim>& claims, const Config& config,
                 std::optional<FailOn> cli_fail_on) {
  for (const Finding& f : result.findings) {
    FailOn threshold;
    if (cli_fail_on) {
      threshold = *cli_fail_on;
    } else {
      // The strictest level among the documents the finding touches.
      for (std::size_t p : f.claims) {
        FailOn t = p < claims.size() ? fail_on_for(config, claims[p].doc) : config.fail_on;
        if (t && (!threshold || *t < *threshold)) threshold = t;
      }
      if (f.claims.empty()) threshold = config.fail_on;
    }
    if (threshold && f.severity >= *threshold) return true;
  }
  return false;
}

}  // namespace tally
