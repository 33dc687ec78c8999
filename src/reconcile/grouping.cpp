// Forming subjects (see grouping.hpp for the algorithm and its bounds).
// The clustering is a function of the block's claims only and of their
// contents, never of their order: nodes are sorted by context, edges by
// similarity then node order, so reordering or partitioning the input gives
// the same subjects.
#include "reconcile/grouping.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <set>
#include <numeric>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <Eigen/Dense>
#include <Eigen/Sparse>
#include <fmt/format.h>

#include "reconcile/interval.hpp"
#include "reconcile/synonyms.hpp"

namespace tally::detail {
namespace {

std::string lower_trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

// Good enough to make "bridges" meet "bridge"; real lemmas come from the extractor.
std::string singular(std::string w) {
  auto ends = [&](std::string_view suf) {
    return w.size() > suf.size() + 1 && std::string_view(w).substr(w.size() - suf.size()) == suf;
  };
  if (ends("ies")) return w.substr(0, w.size() - 3) + "y";
  if (ends("sses") || ends("xes") || ends("ches") || ends("shes")) return w.substr(0, w.size() - 2);
  if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) return w.substr(0, w.size() - 1);
  return w;
}

std::vector<std::string> split_members(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t bar = s.find('|', start);
    if (bar == std::string_view::npos) bar = s.size();
    if (bar > start) out.emplace_back(s.substr(start, bar - start));
    start = bar + 1;
  }
  return out;
}

bool place_word_match(std::string_view a, std::string_view b) {
  if (a == b) return true;
  // Demonyms and inflections: "russia" meets "russian", "ukraine" "ukrainian"
  // does not (too short a common prefix would match anything).
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n >= 5 && (n == a.size() || n == b.size() || n + 2 >= std::min(a.size(), b.size()));
}

constexpr std::array<std::string_view, 18> k_place_stopwords{
    "in", "at", "on", "near", "across", "inside", "within", "from", "to", "the",
    "a", "an", "of", "into", "around", "outside", "throughout", "and"};

struct Feature {
  std::string name;
  float weight;
};

std::vector<Feature> features_of(const Context& c) {
  std::vector<Feature> f;
  for (const std::string& m : c.modifiers) f.push_back({"m:" + m, 1.0f});
  if (!c.place.empty()) {
    float w = 1.0f / std::sqrt(static_cast<float>(c.place.size()));
    for (const std::string& p : c.place) f.push_back({"p:" + p, w});
  }
  if (!c.event.empty()) f.push_back({"e:" + c.event, 0.5f});
  return f;
}

std::string signature(const Context& c) {
  std::string s;
  for (const std::string& p : c.place) s += p + " ";
  s += '|';
  for (const std::string& m : c.modifiers) s += m + ",";
  s += '|';
  s += c.event;
  s += '|';
  s += to_string(c.modality);
  return s;
}

bool modifiers_compatible(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return true;
  return std::includes(a.begin(), a.end(), b.begin(), b.end()) ||
         std::includes(b.begin(), b.end(), a.begin(), a.end());
}

// Places agree when one names no more than the other: "kursk" and "kursk
// region" do, "district 3" and "district 4" do not, nor "russia" and "ukraine".
bool places_compatible(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return true;
  const auto& small = a.size() <= b.size() ? a : b;
  const auto& large = a.size() <= b.size() ? b : a;
  for (const std::string& x : small) {
    bool found = false;
    for (const std::string& y : large) found = found || place_word_match(x, y);
    if (!found) return false;
  }
  return true;
}

bool events_compatible(const Context& a, const Context& b) {
  return a.modality != b.modality || a.event.empty() || b.event.empty() || a.event == b.event;
}

// Which contexts a cluster already holds, kept small: in a cluster without
// contradictions the modifier sets form a chain under inclusion and there is
// at most one event per modality.
struct Profile {
  std::vector<std::size_t> nodes;  // distinct contexts with something to contradict
};

class Clusterer {
 public:
  explicit Clusterer(const std::vector<Context>& nodes)
      : nodes_(nodes), parent_(nodes.size()), profile_(nodes.size()) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
    for (std::size_t i = 0; i < nodes.size(); ++i) profile_[i].nodes.push_back(i);
  }

  std::size_t find(std::size_t i) {
    while (parent_[i] != i) {
      parent_[i] = parent_[parent_[i]];
      i = parent_[i];
    }
    return i;
  }

  void try_merge(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    for (std::size_t x : profile_[a].nodes)
      for (std::size_t y : profile_[b].nodes)
        if (!compatible(nodes_[x], nodes_[y])) return;
    if (a > b) std::swap(a, b);
    parent_[b] = a;
    // Keep one representative per distinct (modifiers, place, event, modality)
    // that can contradict something; bare contexts contradict nothing.
    for (std::size_t y : profile_[b].nodes) {
      const Context& cy = nodes_[y];
      bool dup = false;
      for (std::size_t x : profile_[a].nodes) {
        const Context& cx = nodes_[x];
        if (cx.modifiers == cy.modifiers && cx.place == cy.place &&
            (cx.event == cy.event || cy.event.empty()) && (cx.modality == cy.modality || cy.event.empty())) {
          dup = true;
          break;
        }
      }
      if (!dup) profile_[a].nodes.push_back(y);
    }
    profile_[b].nodes.clear();
    profile_[b].nodes.shrink_to_fit();
  }

 private:
  const std::vector<Context>& nodes_;
  std::vector<std::size_t> parent_;
  std::vector<Profile> profile_;
};

struct Edge {
  float sim;
  std::size_t i;  // i < j
  std::size_t j;
};

// Collects candidate edges. Without a limit it keeps them all (one group,
// every pair seen once); with one it keeps each node's `limit` strongest, so
// memory stays O(m * limit) however many candidate groups a pair falls in.
class EdgeSink {
 public:
  EdgeSink(std::size_t nodes, std::size_t limit) : limit_(limit), best_(limit ? nodes : 0) {}

  void offer(std::size_t i, std::size_t j, float sim) {
    if (i > j) std::swap(i, j);
    if (!limit_) {
      all_.push_back({sim, i, j});
      return;
    }
    keep(best_[i], {sim, i, j});
    keep(best_[j], {sim, i, j});
  }

  std::vector<Edge> take() {
    std::vector<Edge> out = std::move(all_);
    for (auto& b : best_) out.insert(out.end(), b.begin(), b.end());
    std::sort(out.begin(), out.end(), [](const Edge& a, const Edge& b) {
      return std::tie(b.sim, a.i, a.j) < std::tie(a.sim, b.i, b.j);
    });
    out.erase(std::unique(out.begin(), out.end(), [](const Edge& a, const Edge& b) { return a.i == b.i && a.j == b.j; }),
              out.end());
    return out;
  }

 private:
  void keep(std::vector<Edge>& v, const Edge& e) {
    for (const Edge& x : v)
      if (x.i == e.i && x.j == e.j) return;
    if (v.size() < limit_) {
      v.push_back(e);
      return;
    }
    auto weakest = std::min_element(v.begin(), v.end(), [](const Edge& a, const Edge& b) {
      return std::tie(a.sim, b.i, b.j) < std::tie(b.sim, a.i, a.j);
    });
    if (e.sim > weakest->sim) *weakest = e;
  }

  std::size_t limit_;
  std::vector<Edge> all_;
  std::vector<std::vector<Edge>> best_;
};

// Single-link clustering of contexts under cannot-link constraints. Returns
// a cluster id per node. See grouping.hpp for the candidate groups.
std::vector<std::size_t> cluster_nodes(const std::vector<Context>& nodes) {
  const std::size_t m = nodes.size();
  std::vector<std::size_t> out(m, 0);
  if (m <= 1) return out;

  std::unordered_map<std::string, int> columns;
  std::vector<std::vector<std::pair<int, float>>> feats(m);
  std::vector<float> norm(m);
  for (std::size_t i = 0; i < m; ++i) {
    float norm2 = 1.0f;  // the shared counted key
    for (const Feature& f : features_of(nodes[i])) {
      auto [it, added] = columns.emplace(f.name, static_cast<int>(columns.size()));
      feats[i].emplace_back(it->second, f.weight);
      norm2 += f.weight * f.weight;
    }
    norm[i] = std::sqrt(norm2);
  }

  const bool exact = m <= k_exact_nodes;
  EdgeSink sink(m, exact ? 0 : k_max_edges);
  const auto threshold = static_cast<float>(k_link_threshold) - 1e-6f;

  // One candidate group: its similarity matrix as a sparse product of its
  // rows of the feature matrix.
  auto score_group = [&](const std::vector<std::size_t>& group) {
    std::unordered_map<int, int> local;
    std::vector<Eigen::Triplet<float>> triplets;
    for (std::size_t r = 0; r < group.size(); ++r)
      for (const auto& [col, w] : feats[group[r]]) {
        auto [it, added] = local.emplace(col, static_cast<int>(local.size()));
        triplets.emplace_back(static_cast<int>(r), it->second, w);
      }
    const auto rows = static_cast<Eigen::Index>(group.size());
    Eigen::SparseMatrix<float, Eigen::RowMajor> f(rows, std::max<Eigen::Index>(1, static_cast<Eigen::Index>(local.size())));
    f.setFromTriplets(triplets.begin(), triplets.end());
    Eigen::MatrixXf dots = Eigen::MatrixXf(f * f.transpose());
    for (Eigen::Index a = 0; a < rows; ++a)
      for (Eigen::Index b = a + 1; b < rows; ++b) {
        std::size_t i = group[static_cast<std::size_t>(a)], j = group[static_cast<std::size_t>(b)];
        float sim = (1.0f + dots(a, b)) / (norm[i] * norm[j]);
        if (sim >= threshold && compatible(nodes[i], nodes[j])) sink.offer(i, j, sim);
      }
  };

  if (exact) {
    std::vector<std::size_t> all(m);
    std::iota(all.begin(), all.end(), std::size_t{0});
    score_group(all);
  } else {
    // Nodes that share a feature, a window at a time when many do.
    std::vector<std::vector<std::size_t>> postings(columns.size());
    for (std::size_t i = 0; i < m; ++i)
      for (const auto& [col, w] : feats[i]) postings[static_cast<std::size_t>(col)].push_back(i);
    for (const auto& list : postings) {
      if (list.size() < 2) continue;
      for (std::size_t start = 0; start < list.size(); start += k_window_step) {
        std::size_t end = std::min(list.size(), start + 2 * k_window_step);
        score_group(std::vector<std::size_t>(list.begin() + static_cast<std::ptrdiff_t>(start),
                                             list.begin() + static_cast<std::ptrdiff_t>(end)));
        if (end == list.size()) break;
      }
    }
    // Contexts with neither modifiers nor place contradict almost nothing and
    // share no feature with most: pair the first few with every node.
    std::size_t wildcards = 0;
    for (std::size_t w = 0; w < m && wildcards < k_max_wildcards; ++w) {
      if (!nodes[w].modifiers.empty() || !nodes[w].place.empty()) continue;
      ++wildcards;
      for (std::size_t j = 0; j < m; ++j) {
        if (j == w) continue;
        float dot = 1.0f;
        for (const auto& [cw, ww] : feats[w])
          for (const auto& [cj, wj] : feats[j])
            if (cw == cj) dot += ww * wj;
        float sim = dot / (norm[w] * norm[j]);
        if (sim >= threshold && compatible(nodes[w], nodes[j])) sink.offer(w, j, sim);
      }
    }
  }
  Clusterer c(nodes);
  for (const Edge& e : sink.take()) c.try_merge(e.i, e.j);
  for (std::size_t i = 0; i < m; ++i) out[i] = c.find(i);
  return out;
}

bool is_bare(const Context& c) { return c.modifiers.empty() && c.place.empty(); }

// The claims of one subject of a subblock, before the same-sentence rule.
struct Group {
  std::vector<std::size_t> claims;   // positions in the claims vector
  std::vector<Context> contexts;     // the distinct contexts it holds
  bool clustered = false;            // more than one context was linked
  std::size_t attached_by_document = 0;
  std::size_t attached_by_support = 0;
};

// How far from a bare claim, in its document's claims of other subjects, an
// antecedent is looked for: bounds the work on a document with huge blocks.
constexpr std::size_t k_max_antecedent_steps = 64;

// Groups the nodes of one subblock into subjects.
//
// Contexts that name something (a modifier or a place) are clustered first.
// A bare context ("10,000 soldiers") contradicts none of them, so single link
// would hand it, and every claim sharing it across the corpus, to whichever
// compatible cluster happens to be most similar, which favours the least
// specific and is arbitrary when two incompatible clusters tie. Instead each
// bare claim is resolved as a reader resolves "the soldiers": to the subject
// its own document is reporting (the nearest compatible claim before it,
// else after it), and failing that to the compatible subject most sources
// report. Bare claims compatible with no cluster form subjects of their own.
std::vector<Group> group_nodes(const std::vector<Claim>& claims, const std::vector<Context>& nodes,
                               const std::vector<std::vector<std::size_t>>& node_claims) {
  std::vector<std::size_t> specific, bare;
  for (std::size_t n = 0; n < nodes.size(); ++n) (is_bare(nodes[n]) ? bare : specific).push_back(n);

  auto clusters_of = [&](const std::vector<std::size_t>& ids) {
    std::vector<Context> sub;
    sub.reserve(ids.size());
    for (std::size_t n : ids) sub.push_back(nodes[n]);
    std::vector<std::size_t> cl = cluster_nodes(sub);
    std::map<std::size_t, std::vector<std::size_t>> by_root;
    for (std::size_t k = 0; k < ids.size(); ++k) by_root[cl[k]].push_back(ids[k]);
    std::vector<Group> out;
    for (auto& [root, members] : by_root) {
      Group g;
      for (std::size_t n : members) {
        g.claims.insert(g.claims.end(), node_claims[n].begin(), node_claims[n].end());
        g.contexts.push_back(nodes[n]);
      }
      g.clustered = members.size() > 1;
      out.push_back(std::move(g));
    }
    return out;
  };

  if (specific.empty() || bare.empty()) {
    std::vector<std::size_t> all(nodes.size());
    std::iota(all.begin(), all.end(), std::size_t{0});
    return clusters_of(all);
  }

  std::vector<Group> groups = clusters_of(specific);
  std::vector<std::size_t> source_count;
  for (const Group& g : groups) {
    std::set<std::string_view> sources;
    for (std::size_t p : g.claims) sources.insert(claims[p].source);
    source_count.push_back(sources.size());
  }
  // Claims of each document in the specific groups, by offset.
  std::unordered_map<std::string_view, std::vector<std::pair<std::size_t, std::size_t>>> by_doc;
  for (std::size_t k = 0; k < groups.size(); ++k)
    for (std::size_t p : groups[k].claims) by_doc[claims[p].doc].push_back({claims[p].mention.start, k});
  for (auto& [doc, v] : by_doc) std::sort(v.begin(), v.end());

  const double threshold = k_link_threshold - 1e-6;
  std::vector<std::size_t> unattached;
  std::vector<Group> extra(groups.size());  // bare claims joining each group
  // The bare node whose context a group of `extra` last took: nodes have
  // distinct contexts, so each (node, group) adds its context once.
  std::vector<std::size_t> context_added(groups.size(), SIZE_MAX);
  for (std::size_t b : bare) {
    const Context& cb = nodes[b];
    std::vector<bool> candidate(groups.size(), false);
    std::optional<std::size_t> best;
    for (std::size_t k = 0; k < groups.size(); ++k) {
      bool ok = true;
      double sim = 0;
      for (const Context& c : groups[k].contexts) {
        ok = ok && compatible(cb, c);
        sim = std::max(sim, similarity(cb, c));
      }
      candidate[k] = ok && sim >= threshold;
      if (candidate[k] &&
          (!best || std::make_pair(source_count[k], groups[k].claims.size()) >
                        std::make_pair(source_count[*best], groups[*best].claims.size())))
        best = k;
    }
    if (!best) {
      unattached.push_back(b);
      continue;
    }
    for (std::size_t p : node_claims[b]) {
      std::optional<std::size_t> target;
      auto it = by_doc.find(claims[p].doc);
      if (it != by_doc.end()) {
        const auto& v = it->second;
        auto at = std::lower_bound(v.begin(), v.end(), std::make_pair(claims[p].mention.start, std::size_t{0}));
        std::size_t steps = 0;
        for (auto back = at; back != v.begin() && steps < k_max_antecedent_steps && !target; ++steps) {
          --back;
          if (candidate[back->second]) target = back->second;
        }
        steps = 0;
        for (auto fwd = at; fwd != v.end() && steps < k_max_antecedent_steps && !target; ++fwd, ++steps)
          if (candidate[fwd->second]) target = fwd->second;
      }
      const std::size_t k = target ? *target : *best;
      Group& e = extra[k];
      e.claims.push_back(p);
      if (context_added[k] != b) {
        context_added[k] = b;
        e.contexts.push_back(cb);
      }
      ++(target ? e.attached_by_document : e.attached_by_support);
    }
  }
  for (std::size_t k = 0; k < groups.size(); ++k) {
    Group& g = groups[k];
    g.claims.insert(g.claims.end(), extra[k].claims.begin(), extra[k].claims.end());
    g.contexts.insert(g.contexts.end(), extra[k].contexts.begin(), extra[k].contexts.end());
    g.clustered = g.clustered || !extra[k].claims.empty();
    g.attached_by_document = extra[k].attached_by_document;
    g.attached_by_support = extra[k].attached_by_support;
  }
  if (!unattached.empty())
    for (Group& g : clusters_of(unattached)) groups.push_back(std::move(g));
  return groups;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

std::string label_of(const std::vector<Claim>& claims, const std::vector<std::size_t>& members,
                     const std::string& key, const std::vector<Context>& contexts) {
  std::map<std::string, std::size_t> counts;
  for (std::size_t p : members)
    if (!claims[p].mention.subject.empty()) ++counts[claims[p].mention.subject.str()];
  std::string best;
  std::size_t best_n = 0;
  for (const auto& [s, n] : counts)  // map order: ties go to the smallest
    if (n > best_n) {
      best = s;
      best_n = n;
    }
  if (!best.empty()) return best;
  // Composed from the most specific context when the extractor gave no subject.
  const Context* most = nullptr;
  for (const Context& c : contexts)
    if (!most || c.modifiers.size() + c.place.size() > most->modifiers.size() + most->place.size()) most = &c;
  std::string label = key;
  if (most && !most->modifiers.empty()) label = join(most->modifiers, " ") + " " + key;
  if (most && !most->place.empty()) label += " | " + join(most->place, " ");
  return label;
}

std::vector<std::string> explain_match(const std::vector<Claim>& claims, const std::vector<std::size_t>& members,
                                       const std::string& block, const std::string& key,
                                       const std::vector<Context>& contexts, bool clustered) {
  std::vector<std::string> matched;
  matched.push_back(fmt::format("same block: {}", block));
  std::set<std::string> nouns;
  for (std::size_t p : members)
    if (!claims[p].mention.noun.empty()) nouns.insert(claims[p].mention.noun.str());
  std::string counted = fmt::format("counts the same thing: {}", key);
  if (nouns.size() > 1 || (nouns.size() == 1 && *nouns.begin() != key))
    counted += fmt::format(" ({})", join(std::vector<std::string>(nouns.begin(), nouns.end()), ", "));
  matched.push_back(counted);
  std::set<std::string> mods, places, events;
  for (const Context& c : contexts) {
    mods.insert(c.modifiers.begin(), c.modifiers.end());
    if (!c.place.empty()) places.insert(join(c.place, " "));
    if (!c.event.empty()) events.insert(c.event);
  }
  auto list = [](const std::set<std::string>& s) { return join(std::vector<std::string>(s.begin(), s.end()), ", "); };
  if (!mods.empty()) matched.push_back("modifiers: " + list(mods));
  if (!places.empty()) matched.push_back("place: " + list(places));
  if (!events.empty()) matched.push_back("event: " + list(events));
  if (clustered)
    matched.push_back(fmt::format(
        "contexts linked at similarity >= {} with no contradicting modifiers, places or events",
        k_link_threshold));
  return matched;
}

}  // namespace

Synonyms::Synonyms(const Config& config) {
  for (const SynonymRow& row : k_synonym_rows) {
    std::string name(row.name);
    if (!name.empty()) class_kind_[name] = static_cast<int>(row.kind);
    for (std::string& w : split_members(row.members)) word_class_.emplace(std::move(w), name);
  }
  for (const auto& [cls, words] : config.synonyms) {
    std::string target;
    if (class_kind_.count(cls)) target = cls;
    for (std::size_t i = 0; target.empty() && i <= words.size(); ++i) {
      const std::string& w = i == 0 ? cls : words[i - 1];
      auto it = word_class_.find(lower_trim(w));
      if (it != word_class_.end() && !it->second.empty()) target = it->second;
    }
    if (target.empty()) {
      target = cls;
      class_kind_[target] = static_cast<int>(SynonymKind::plain);
    }
    word_class_[lower_trim(cls)] = target;
    for (const std::string& w : words) word_class_[lower_trim(w)] = target;
  }
}

std::string Synonyms::class_of(std::string_view word) const {
  std::string w = lower_trim(word);
  if (w.empty()) return w;
  if (auto it = word_class_.find(w); it != word_class_.end()) return it->second;
  std::string s = singular(w);
  if (auto it = word_class_.find(s); it != word_class_.end()) return it->second;
  // The head of a phrase ("military personnel", "armoured vehicles").
  auto space = w.rfind(' ');
  if (space != std::string::npos) {
    std::string head = w.substr(space + 1);
    if (auto it = word_class_.find(head); it != word_class_.end() && !it->second.empty()) return it->second;
    if (auto it = word_class_.find(singular(head)); it != word_class_.end() && !it->second.empty())
      return it->second;
  }
  return s;
}

bool Synonyms::is_casualty(std::string_view cls) const {
  auto it = class_kind_.find(cls);
  return it != class_kind_.end() && it->second == static_cast<int>(SynonymKind::casualty);
}

bool Synonyms::is_carrier(std::string_view cls) const {
  auto it = class_kind_.find(cls);
  return it != class_kind_.end() && it->second == static_cast<int>(SynonymKind::carrier);
}

std::string counted_key(const Mention& m, const Synonyms& syn) {
  std::string noun = m.noun.empty() ? std::string() : syn.class_of(m.noun);
  if (syn.is_carrier(noun)) noun.clear();
  std::string event = m.event.empty() ? std::string() : syn.class_of(m.event);
  if (syn.is_casualty(noun)) return noun;
  if (syn.is_casualty(event)) return noun.empty() ? event : noun + " " + event;
  if (!noun.empty()) return noun;
  return event;
}

namespace {

// context_of for a mention whose counted_key is already known.
Context context_with_key(const Mention& m, const Synonyms& syn, const std::string& key) {
  Context c;
  c.modality = m.modality;
  for (const std::string& mod : m.modifiers) {
    std::string x = lower_trim(mod);
    if (!x.empty()) c.modifiers.push_back(std::move(x));
  }
  std::sort(c.modifiers.begin(), c.modifiers.end());
  c.modifiers.erase(std::unique(c.modifiers.begin(), c.modifiers.end()), c.modifiers.end());

  // Whose it is ("acme") counts as where it is: "acme" and "globex" never
  // meet, as "russia" and "ukraine" do not, and either meets a claim naming no one.
  std::string place = lower_trim(m.place);
  if (!m.entity.empty()) place += " " + lower_trim(m.entity);
  std::string word;
  auto flush = [&]() {
    if (word.empty()) return;
    if (std::find(k_place_stopwords.begin(), k_place_stopwords.end(), word) == k_place_stopwords.end())
      c.place.push_back(word);
    word.clear();
  };
  for (char ch : place) {
    bool keep = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (static_cast<unsigned char>(ch) >= 0x80) ||
                ch == '-';
    if (keep) word.push_back(ch);
    else flush();
  }
  flush();
  // "russia's" leaves "russia" and "s"; a number ("district 3") is kept.
  c.place.erase(std::remove_if(c.place.begin(), c.place.end(),
                               [](const std::string& w) { return w.size() < 2 && !(w[0] >= '0' && w[0] <= '9'); }),
                c.place.end());
  std::sort(c.place.begin(), c.place.end());
  c.place.erase(std::unique(c.place.begin(), c.place.end()), c.place.end());

  std::string event = m.event.empty() ? std::string() : syn.class_of(m.event);
  // A casualty event is already part of what is counted.
  if (!syn.is_casualty(event) && event != key) c.event = event;
  return c;
}

}  // namespace

Context context_of(const Mention& m, const Synonyms& syn) { return context_with_key(m, syn, counted_key(m, syn)); }

bool compatible(const Context& a, const Context& b) {
  return modifiers_compatible(a.modifiers, b.modifiers) && places_compatible(a.place, b.place) &&
         events_compatible(a, b);
}

double similarity(const Context& a, const Context& b) {
  std::vector<Feature> fa = features_of(a), fb = features_of(b);
  double dot = 1, na = 1, nb = 1;
  for (const Feature& x : fa) {
    na += x.weight * x.weight;
    for (const Feature& y : fb)
      if (x.name == y.name) dot += x.weight * y.weight;
  }
  for (const Feature& y : fb) nb += y.weight * y.weight;
  return dot / std::sqrt(na * nb);
}

std::string_view lone_label(const Mention& m) { return m.subject.empty() ? m.noun_phrase : m.subject; }

Subjects form_subjects(const std::vector<Claim>& claims, const std::vector<std::size_t>& eligible,
                       const Config& config, Grouping grouping) {
  Subjects out;
  std::vector<Subject>& subjects = out.compared;
  auto by_index = [&](std::size_t a, std::size_t b) {
    return std::tie(claims[a].index, a) < std::tie(claims[b].index, b);
  };

  if (grouping == Grouping::exact_subject) {
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::size_t>> groups;
    for (std::size_t p : eligible) {
      const Mention& m = claims[p].mention;
      groups[{m.block.str(), m.subject.str(), comparison_unit(m, config).unit}].push_back(p);
    }
    for (auto& [key, members] : groups) {
      std::sort(members.begin(), members.end(), by_index);
      Subject s;
      s.block = std::get<0>(key);
      s.label = std::get<1>(key);
      s.claims = std::move(members);
      s.matched = {fmt::format("same block: {}", s.block), fmt::format("subject given as \"{}\"", s.label)};
      subjects.push_back(std::move(s));
    }
  } else {
    Synonyms syn(config);
    // block -> (unit, rate, counted key) -> claims
    std::map<std::string, std::map<std::tuple<std::string, bool, std::string>, std::vector<std::size_t>>> blocks;
    for (std::size_t p : eligible) {
      const Mention& m = claims[p].mention;
      std::string key = counted_key(m, syn);
      if (key.empty()) {
        out.lone.push_back(p);  // nothing says what it counts: it is compared with nothing
        continue;
      }
      blocks[m.block.str()][{comparison_unit(m, config).unit, m.is_rate, key}].push_back(p);
    }
    for (auto& [block, subblocks] : blocks) {
      for (auto& [subkey, members] : subblocks) {
        const std::string& key = std::get<2>(subkey);
        // Collapse identical contexts into nodes, sorted by context.
        std::map<std::string, std::pair<Context, std::vector<std::size_t>>> by_sig;
        for (std::size_t p : members) {
          Context c = context_with_key(claims[p].mention, syn, key);  // key == counted_key of every member
          std::string sig = signature(c);
          auto& slot = by_sig[sig];
          if (slot.second.empty()) slot.first = std::move(c);
          slot.second.push_back(p);
        }
        std::vector<Context> nodes;
        std::vector<std::vector<std::size_t>> node_claims;
        nodes.reserve(by_sig.size());
        for (auto& [sig, entry] : by_sig) {
          nodes.push_back(std::move(entry.first));
          node_claims.push_back(std::move(entry.second));
        }
        for (Group& g : group_nodes(claims, nodes, node_claims)) {
          std::vector<std::size_t>& all = g.claims;
          const std::vector<Context>& contexts = g.contexts;
          std::sort(all.begin(), all.end(), by_index);
          // Two figures of one sentence are not two reports of one thing.
          std::set<std::tuple<std::string_view, std::size_t, std::size_t>> sentences;
          std::vector<std::size_t> kept;
          for (std::size_t p : all) {
            const Mention& m = claims[p].mention;
            if (m.sentence_end > m.sentence_start &&
                !sentences.insert({claims[p].doc, m.sentence_start, m.sentence_end}).second) {
              Subject s;
              s.block = block;
              s.label = m.subject.empty() ? key : m.subject;
              s.claims = {p};
              s.matched = {"set apart: another figure of the same sentence is already in this subject"};
              subjects.push_back(std::move(s));
              continue;
            }
            kept.push_back(p);
          }
          Subject s;
          s.block = block;
          s.label = label_of(claims, kept, key, contexts);
          s.matched = explain_match(claims, kept, block, key, contexts, g.clustered);
          if (g.attached_by_document)
            s.matched.push_back(fmt::format(
                "{} claim(s) naming no modifier or place joined the subject their own document reports",
                g.attached_by_document));
          if (g.attached_by_support)
            s.matched.push_back(fmt::format(
                "{} claim(s) naming no modifier or place joined the compatible subject with the most sources",
                g.attached_by_support));
          s.claims = std::move(kept);
          subjects.push_back(std::move(s));
        }
      }
    }
  }
  std::sort(subjects.begin(), subjects.end(), [&](const Subject& a, const Subject& b) {
    const Claim& ca = claims[a.claims.front()];
    const Claim& cb = claims[b.claims.front()];
    return std::tie(a.block, ca.index, a.claims.front()) < std::tie(b.block, cb.index, b.claims.front());
  });
  return out;
}

}  // namespace tally::detail
