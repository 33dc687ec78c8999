// Truth discovery over cells of claims (see consensus.hpp), and the
// `reconcile --consensus` writer. The iteration runs on Eigen vectors with
// sparse source x claim and cell x claim incidence matrices, so one pass over
// 100,000 claims is a handful of sparse products.
#include "reconcile/consensus.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <numeric>
#include <set>
#include <string_view>
#include <unordered_map>

#include <Eigen/Dense>
#include <Eigen/Sparse>
#include <nlohmann/json.hpp>

namespace tally::detail {
namespace {

// A claim that states a point: one-sided bounds and vague expressions do not
// say what the value is, only where it is not.
bool states_point(const Claim& c) {
  switch (c.mention.qualifier) {
    case Qualifier::exact:
    case Qualifier::approximate:
    case Qualifier::nearly:
    case Qualifier::range: return true;
    default: return false;
  }
}

// Values of one cell on a scale where differences are relative errors: logs
// when all are positive, else values divided by their median magnitude.
struct Scale {
  bool log = true;
  double unit = 1;
  double to(double x) const { return log ? std::log(x) : x / unit; }
  double from(double y) const { return log ? std::exp(y) : y * unit; }
};

Scale scale_of(const std::vector<double>& points) {
  Scale s;
  for (double p : points) s.log = s.log && p > 0;
  if (!s.log) {
    std::vector<double> mags;
    for (double p : points) mags.push_back(std::fabs(p));
    std::sort(mags.begin(), mags.end());
    double med = mags.empty() ? 1 : mags[mags.size() / 2];
    s.unit = med > 0 ? med : 1;
  }
  return s;
}

// One claim's say in a cell: its point, its widened interval, its weight.
struct Vote {
  double point;
  double low;   // -inf/+inf when open
  double high;
  double weight;
};

double weighted_median(std::vector<std::pair<double, double>> vw) {  // (value, weight)
  std::sort(vw.begin(), vw.end());
  double total = 0;
  for (const auto& x : vw) total += x.second;
  double acc = 0;
  for (std::size_t i = 0; i < vw.size(); ++i) {
    acc += vw[i].second;
    if (acc > total / 2 * (1 + 1e-12)) return vw[i].first;
    if (acc >= total / 2 * (1 - 1e-12) && i + 1 < vw.size()) return (vw[i].first + vw[i + 1].first) / 2;
  }
  return vw.empty() ? 0 : vw.back().first;
}

// The value most of the weight agrees with: a sweep over the widened
// intervals finds the point covered by the most weight (a weighted vote in
// which "about 3,000" also votes for 3,200, as TruthFinder's implication
// does); the value is then the weighted mean of the claims covering it, kept
// inside their common interval. Two disjoint groups of equal weight have no
// majority: then the weighted median of all points. O(k log k).
double vote(const std::vector<Vote>& votes) {
  if (votes.empty()) return 0;
  bool positive = true;
  for (const Vote& v : votes) positive = positive && v.point > 0;
  Scale sc;
  sc.log = positive;
  if (!positive) {
    std::vector<double> pts;
    for (const Vote& v : votes) pts.push_back(v.point);
    sc = scale_of(pts);
  }
  struct Event {
    double x;
    int kind;  // 0 = start, 1 = end: starts first, intervals are closed
    double w;
  };
  std::vector<Event> events;
  for (const Vote& v : votes) {
    events.push_back({v.low, 0, v.weight});
    events.push_back({v.high, 1, v.weight});
  }
  std::sort(events.begin(), events.end(),
            [](const Event& a, const Event& b) { return std::tie(a.x, a.kind) < std::tie(b.x, b.kind); });
  double current = 0, best = -1, best_x = 0;
  bool dropped = false, tie = false;
  double total = 0;
  for (const Vote& v : votes) total += v.weight;
  const double eps = 1e-9 * std::max(total, 1e-300);
  for (const Event& e : events) {
    if (e.kind == 0) {
      current += e.w;
      if (current > best + eps) {
        best = current;
        best_x = e.x;
        tie = dropped = false;
      } else if (current >= best - eps && dropped) {
        tie = true;
      }
    } else {
      current -= e.w;
      if (current < best - eps) dropped = true;
    }
  }
  if (tie) {
    std::vector<std::pair<double, double>> vw;
    for (const Vote& v : votes) vw.emplace_back(sc.to(v.point), v.weight);
    return sc.from(weighted_median(vw));
  }
  double num = 0, den = 0, lo = -HUGE_VAL, hi = HUGE_VAL;
  for (const Vote& v : votes) {
    if (v.low <= best_x && best_x <= v.high) {
      num += v.weight * sc.to(v.point);
      den += v.weight;
      lo = std::max(lo, v.low);
      hi = std::min(hi, v.high);
    }
  }
  double value = den > 0 ? sc.from(num / den) : best_x;
  return std::clamp(value, lo, hi);
}

// The claims of a cell that take part in estimating its value.
std::vector<std::size_t> voters(const std::vector<Claim>& claims, std::span<const std::size_t> cell) {
  std::vector<std::size_t> v;
  for (std::size_t p : cell)
    if (states_point(claims[p])) v.push_back(p);
  if (v.empty()) v.assign(cell.begin(), cell.end());
  return v;
}

// 1 / (claims with the same wording): copies share one vote.
std::vector<double> copy_discount(const ClaimFacts& facts, const std::vector<std::size_t>& members) {
  std::unordered_map<std::uint64_t, int> count;
  for (std::size_t p : members)
    if (std::uint64_t k = facts.wording[p]) ++count[k];
  std::vector<double> g;
  g.reserve(members.size());
  for (std::size_t p : members) {
    const std::uint64_t k = facts.wording[p];
    g.push_back(k ? 1.0 / count[k] : 1.0);
  }
  return g;
}

double source_weight(const Reliability& rel, const ClaimFacts& facts, std::size_t claim) {
  const std::uint32_t id = facts.source[claim];
  return id < rel.weight.size() ? rel.weight[id] : rel.unknown_weight;
}

}  // namespace

double chi2_lower_quantile(std::size_t k) {
  static constexpr std::array<double, 21> k_table{0,     0.000982, 0.0506, 0.216, 0.484, 0.831, 1.237,
                                                  1.690, 2.180,    2.700,  3.247, 3.816, 4.404, 5.009,
                                                  5.629, 6.262,    6.908,  7.564, 8.231, 8.907, 9.591};
  if (k < k_table.size()) return k_table[k];
  double kd = static_cast<double>(k);
  double c = 2.0 / (9.0 * kd);
  double base = 1.0 - c - 1.959964 * std::sqrt(c);
  return kd * base * base * base;
}

std::uint64_t wording_key(const Claim& claim) {
  if (claim.sentence.empty()) return 0;
  std::uint64_t h = 1469598103934665603ULL;
  bool space = false, any = false;
  for (char ch : claim.sentence) {
    auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = any;
      continue;
    }
    if (space) {
      h = (h ^ ' ') * 1099511628211ULL;
      space = false;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    h = (h ^ c) * 1099511628211ULL;
    any = true;
  }
  return any ? (h ? h : 1) : 0;
}

ClaimFacts claim_facts(const std::vector<Claim>& claims, std::vector<Bounds> bounds) {
  ClaimFacts facts;
  facts.bounds = std::move(bounds);
  facts.source.reserve(claims.size());
  facts.wording.reserve(claims.size());
  std::unordered_map<std::string_view, std::uint32_t> ids;
  const std::string* sentence = nullptr;  // of the claim before, whose wording key is `key`
  std::uint64_t key = 0;
  for (const Claim& c : claims) {
    const std::string_view source = c.source;
    auto [it, added] = ids.try_emplace(source, static_cast<std::uint32_t>(facts.source_names.size()));
    if (added) facts.source_names.push_back(source);
    facts.source.push_back(it->second);
    // The figures of one sentence share its text: hash it once.
    const std::string* shared = c.sentence.shared().get();
    if (!shared || shared != sentence) key = wording_key(c);
    sentence = shared;
    facts.wording.push_back(key);
  }
  return facts;
}

std::size_t independent_sources(const ClaimFacts& facts, std::span<const std::size_t> positions) {
  // Union-find over sources: two sources that share a wording are one. The
  // number of roots is the number of classes, whatever the union order.
  std::unordered_map<std::uint32_t, std::size_t> id;
  std::vector<std::size_t> parent;
  auto find = [&](std::size_t s) {
    while (parent[s] != s) {
      parent[s] = parent[parent[s]];
      s = parent[s];
    }
    return s;
  };
  std::unordered_map<std::uint64_t, std::size_t> first_source;
  for (std::size_t p : positions) {
    auto [it, added] = id.try_emplace(facts.source[p], parent.size());
    if (added) parent.push_back(parent.size());
    const std::size_t src = it->second;
    if (std::uint64_t k = facts.wording[p]) {
      auto [first, new_key] = first_source.try_emplace(k, src);
      if (!new_key) {
        std::size_t a = find(first->second), b = find(src);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
      }
    }
  }
  std::size_t roots = 0;
  for (std::size_t s = 0; s < parent.size(); ++s) roots += find(s) == s;
  return roots;
}

Reliability estimate_reliability(const std::vector<Claim>& claims, const ClaimFacts& facts,
                                 const std::vector<std::span<const std::size_t>>& cells) {
  Reliability rel;
  constexpr double tau2 = k_error_scale * k_error_scale;
  // A claim that matches the truth exactly still leaves this much doubt, so
  // one lucky agreement does not make a source perfect.
  constexpr double k_floor = 1e-5;
  rel.unknown_weight = chi2_lower_quantile(1) / tau2;
  rel.weight.assign(facts.source_names.size(), rel.unknown_weight);
  std::vector<bool> seen(facts.source_names.size(), false);
  for (const auto& cell : cells)
    for (std::size_t p : cell) seen[facts.source[p]] = true;
  for (std::size_t s = 0; s < seen.size(); ++s)
    if (seen[s]) rel.reported.emplace(facts.source_names[s], 0.5);

  // Only cells where two sources speak tell anything about either.
  struct Shared {
    std::vector<std::size_t> claims;
    std::vector<double> discount;
    Scale scale;
  };
  std::vector<Shared> shared;
  // Rows of the incidence matrix: sources in order of first appearance.
  std::vector<int> row_of(facts.source_names.size(), -1);
  std::vector<std::uint32_t> source_of_row;
  std::vector<int> src_of;
  for (const auto& cell : cells) {
    if (cell.size() < 2) continue;  // one claim: one source
    std::vector<std::size_t> vs = voters(claims, cell);
    bool two_sources = false;
    for (std::size_t p : vs) two_sources = two_sources || facts.source[p] != facts.source[vs.front()];
    if (!two_sources) continue;
    std::vector<double> points;
    for (std::size_t p : vs) {
      points.push_back(facts.bounds[p].point);
      int& row = row_of[facts.source[p]];
      if (row < 0) {
        row = static_cast<int>(source_of_row.size());
        source_of_row.push_back(facts.source[p]);
      }
      src_of.push_back(row);
    }
    shared.push_back({vs, copy_discount(facts, vs), scale_of(points)});
  }
  if (shared.empty()) return rel;

  const auto n = static_cast<Eigen::Index>(src_of.size());
  const auto ns = static_cast<Eigen::Index>(source_of_row.size());
  std::vector<Eigen::Triplet<double>> ta;
  for (Eigen::Index i = 0; i < n; ++i) ta.emplace_back(src_of[static_cast<std::size_t>(i)], i, 1.0);
  Eigen::SparseMatrix<double> by_source(ns, n);  // source x claim incidence
  by_source.setFromTriplets(ta.begin(), ta.end());
  Eigen::VectorXd counts = by_source * Eigen::VectorXd::Ones(n);
  Eigen::VectorXd chi(ns);
  for (Eigen::Index s = 0; s < ns; ++s) chi[s] = chi2_lower_quantile(static_cast<std::size_t>(counts[s]) + 1);

  Eigen::VectorXd weight = Eigen::VectorXd::Ones(ns);
  Eigen::VectorXd loss_by_source = Eigen::VectorXd::Zero(ns);
  Eigen::VectorXd resid(n);
  constexpr int k_rounds = 10;
  for (int round = 0; round < k_rounds; ++round) {
    // Truths under the current weights, then each claim's deviation from its truth.
    Eigen::VectorXd claim_weight = by_source.transpose() * weight;
    Eigen::Index i = 0;
    for (const Shared& sh : shared) {
      std::vector<Vote> votes;
      for (std::size_t k = 0; k < sh.claims.size(); ++k) {
        const Bounds& b = facts.bounds[sh.claims[k]];
        votes.push_back({b.point, b.low, b.high, claim_weight[i + static_cast<Eigen::Index>(k)] * sh.discount[k]});
      }
      double truth = sh.scale.to(vote(votes));
      for (std::size_t k = 0; k < sh.claims.size(); ++k, ++i)
        resid[i] = sh.scale.to(facts.bounds[sh.claims[k]].point) - truth;
    }
    Eigen::VectorXd loss = resid.array().square().min(k_deviation_cap * k_deviation_cap).matrix() +
                           Eigen::VectorXd::Constant(n, k_floor);
    Eigen::VectorXd next_loss = by_source * loss;
    weight = chi.array() / (next_loss.array() + tau2);
    double moved = (next_loss - loss_by_source).cwiseAbs().maxCoeff();
    loss_by_source = next_loss;
    if (round > 0 && moved < 1e-12) break;
  }
  for (Eigen::Index row = 0; row < ns; ++row) {
    const std::uint32_t source = source_of_row[static_cast<std::size_t>(row)];
    double sigma2 = (loss_by_source[row] + tau2) / (counts[row] + 1);
    rel.reported[std::string(facts.source_names[source])] = 1.0 / (1.0 + sigma2 / tau2);
    rel.weight[source] = weight[row];
  }
  return rel;
}

double consensus_point(const std::vector<Claim>& claims, const ClaimFacts& facts,
                       std::span<const std::size_t> cell, const Reliability& reliability) {
  std::vector<std::size_t> vs = voters(claims, cell);
  std::vector<double> disc = copy_discount(facts, vs);
  std::vector<Vote> votes;
  votes.reserve(vs.size());
  for (std::size_t k = 0; k < vs.size(); ++k) {
    const Bounds& b = facts.bounds[vs[k]];
    votes.push_back({b.point, b.low, b.high, source_weight(reliability, facts, vs[k]) * disc[k]});
  }
  return vote(votes);
}

Consensus consensus_of(const std::vector<Claim>& claims, const ClaimFacts& facts, std::string_view unit,
                       std::span<const std::size_t> cell, const Reliability& reliability) {
  Consensus c;
  if (cell.empty()) return c;
  double value = consensus_point(claims, facts, cell, reliability);
  std::vector<std::size_t> agree;
  double low = -HUGE_VAL, high = HUGE_VAL;
  for (std::size_t p : cell) {
    const Bounds& b = facts.bounds[p];
    // An open end is infinite, so it holds any value.
    if (b.low <= value && value <= b.high) {
      agree.push_back(p);
      low = std::max(low, b.low);
      high = std::min(high, b.high);
    }
  }
  if (!std::isfinite(low)) low = value;
  if (!std::isfinite(high)) high = value;
  c.support = independent_sources(facts, agree);

  // Back to the stated unit when every claim states the same one.
  const Claim& first = claims[cell.front()];
  bool same_unit = true;
  for (std::size_t p : cell) same_unit = same_unit && claims[p].mention.unit == first.mention.unit;
  double factor = 0;  // comparison unit per stated unit
  if (same_unit) {
    for (std::size_t p : cell) {
      const Mention& m = claims[p].mention;
      if (m.value && *m.value != 0 && facts.bounds[p].point != 0) {
        factor = facts.bounds[p].point / *m.value;
        break;
      }
    }
  }
  if (same_unit && factor != 0 && std::isfinite(factor)) {
    c.unit = first.mention.unit;
    value /= factor;
    low /= factor;
    high /= factor;
    if (low > high) std::swap(low, high);
  } else {
    c.unit = unit;
  }
  // The vote runs in log space; exp(log(3000)) comes back as 2999.9999999999977.
  // Twelve significant digits are far beyond any stated figure's precision.
  auto tidy = [](double v) {
    if (v == 0 || !std::isfinite(v)) return v;
    double scale = std::pow(10.0, 11 - static_cast<int>(std::floor(std::log10(std::fabs(v)))));
    double r = std::round(v * scale) / scale;
    return std::isfinite(r) ? r : v;
  };
  c.value = tidy(value);
  c.low = tidy(low);
  c.high = tidy(high);
  return c;
}

}  // namespace tally::detail

namespace tally {

void write_consensus(std::ostream& out, [[maybe_unused]] const std::vector<Claim>& claims,
                     const Reconciliation& result) {
  for (const SubjectSummary& s : result.subjects) {
    nlohmann::ordered_json line;
    line["subject"] = s.subject;
    line["block"] = s.block;
    line["claims"] = s.claims.size();
    if (s.consensus) {
      line["consensus"] = {{"value", s.consensus->value},
                           {"low", s.consensus->low},
                           {"high", s.consensus->high},
                           {"support", s.consensus->support},
                           {"unit", s.consensus->unit}};
    } else {
      line["consensus"] = nullptr;
    }
    nlohmann::ordered_json sources = nlohmann::ordered_json::object();
    for (const auto& [name, r] : s.sources) sources[name] = std::round(r * 1000) / 1000;
    line["sources"] = std::move(sources);
    out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
}

}  // namespace tally
