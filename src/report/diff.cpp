// `tally diff OLD NEW`: which figures were added, removed or changed between
// two versions of a corpus, and the three ways of printing that.
//
// Pairing, in the order a reader would do it:
//   1. documents by id (and two single documents with each other, whatever
//      their names: `tally diff v1.txt v2.txt` compares two versions of one text);
//   2. within a document pair, figures by subject: the longest common
//      subsequence of unchanged figures anchors the pairing, and figures
//      between two anchors pair up by position as `changed`, so inserting a
//      figure does not shift every later one into a false change;
//   3. figures left over (their sentence was reworded and the subject moved)
//      pair with an identical figure of the same block as unchanged, then
//      with a figure of the same block and counted noun as changed;
//   4. whatever is left is added or removed.
// A figure "changed" when its value, interval, unit or qualifier did.
//
// json: {"added_documents": [...], "removed_documents": [...],
//        "changes": [{"kind": "changed", "doc": "...", "old": record|null, "new": record|null}]}
// with SPEC's extract records, in document order then position.
#include <tally/diff.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/present.hpp"

namespace tally {
namespace {

bool same_number(const std::optional<double>& a, const std::optional<double>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || detail::nearly_equal(*a, *b);
}

bool same_figure(const Claim& a, const Claim& b) {
  const Mention& x = a.mention;
  const Mention& y = b.mention;
  return x.unit == y.unit && x.qualifier == y.qualifier && same_number(x.value, y.value) &&
         same_number(x.stated.low, y.stated.low) && same_number(x.stated.high, y.stated.high);
}

// Claim indexes of each document, in text order.
std::map<std::string, std::vector<std::size_t>> by_document(const std::vector<Claim>& claims) {
  std::map<std::string, std::vector<std::size_t>> docs;
  for (std::size_t i = 0; i < claims.size(); ++i) docs[claims[i].doc.str()].push_back(i);
  for (auto& [doc, list] : docs)
    std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(claims[a].mention.start, claims[a].index) < std::tie(claims[b].mention.start, claims[b].index);
    });
  return docs;
}

struct Pairing {
  std::vector<std::pair<std::size_t, std::size_t>> changed;  // (old, new)
  std::vector<std::size_t> removed;
  std::vector<std::size_t> added;
};

class FigurePairer {
 public:
  FigurePairer(const std::vector<Claim>& old_claims, const std::vector<Claim>& new_claims)
      : old_(old_claims), new_(new_claims) {}

  Pairing pair(const std::vector<std::size_t>& old_doc, const std::vector<std::size_t>& new_doc) {
    Pairing p;
    std::vector<bool> old_done(old_doc.size());
    std::vector<bool> new_done(new_doc.size());

    // 1. By subject, anchored on the longest common run of unchanged figures.
    std::map<std::string, std::pair<std::vector<std::size_t>, std::vector<std::size_t>>> subjects;
    for (std::size_t k = 0; k < old_doc.size(); ++k) subjects[old_[old_doc[k]].mention.subject.str()].first.push_back(k);
    for (std::size_t k = 0; k < new_doc.size(); ++k) subjects[new_[new_doc[k]].mention.subject.str()].second.push_back(k);
    for (const auto& [subject, sides] : subjects) {
      const auto& [olds, news] = sides;
      if (olds.empty() || news.empty()) continue;
      const auto anchors = common_subsequence(olds, news, old_doc, new_doc);
      std::size_t oi = 0;
      std::size_t ni = 0;
      for (std::size_t a = 0; a <= anchors.size(); ++a) {
        const std::size_t oe = a < anchors.size() ? anchors[a].first : olds.size();
        const std::size_t ne = a < anchors.size() ? anchors[a].second : news.size();
        for (; oi < oe && ni < ne; ++oi, ++ni) {
          p.changed.emplace_back(old_doc[olds[oi]], new_doc[news[ni]]);
          old_done[olds[oi]] = new_done[news[ni]] = true;
        }
        if (a < anchors.size()) {
          old_done[olds[anchors[a].first]] = new_done[news[anchors[a].second]] = true;
          oi = anchors[a].first + 1;
          ni = anchors[a].second + 1;
        }
      }
    }

    // 2. Reworded: the same figure in the same block, now under another subject.
    match_leftovers(old_doc, new_doc, old_done, new_done, [&](const Claim& a, const Claim& b) {
      return a.mention.block == b.mention.block && same_figure(a, b);
    }, nullptr);
    // 3. The same counted thing in the same block with another figure.
    match_leftovers(old_doc, new_doc, old_done, new_done, [&](const Claim& a, const Claim& b) {
      return a.mention.block == b.mention.block && !a.mention.noun.empty() && a.mention.noun == b.mention.noun;
    }, &p.changed);

    for (std::size_t k = 0; k < old_doc.size(); ++k)
      if (!old_done[k]) p.removed.push_back(old_doc[k]);
    for (std::size_t k = 0; k < new_doc.size(); ++k)
      if (!new_done[k]) p.added.push_back(new_doc[k]);
    return p;
  }

 private:
  // Positions (into olds, news) of a longest common subsequence of equal figures.
  std::vector<std::pair<std::size_t, std::size_t>> common_subsequence(
      const std::vector<std::size_t>& olds, const std::vector<std::size_t>& news,
      const std::vector<std::size_t>& old_doc, const std::vector<std::size_t>& new_doc) const {
    const std::size_t n = olds.size();
    const std::size_t m = news.size();
    std::vector<std::vector<std::size_t>> len(n + 1, std::vector<std::size_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        len[i][j] = same_figure(old_[old_doc[olds[i]]], new_[new_doc[news[j]]])
                        ? len[i + 1][j + 1] + 1
                        : std::max(len[i + 1][j], len[i][j + 1]);
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t i = 0, j = 0; i < n && j < m;) {
      if (same_figure(old_[old_doc[olds[i]]], new_[new_doc[news[j]]])) {
        out.emplace_back(i++, j++);
      } else if (len[i + 1][j] >= len[i][j + 1]) {
        ++i;
      } else {
        ++j;
      }
    }
    return out;
  }

  template <class Match>
  void match_leftovers(const std::vector<std::size_t>& old_doc, const std::vector<std::size_t>& new_doc,
                       std::vector<bool>& old_done, std::vector<bool>& new_done, Match match,
                       std::vector<std::pair<std::size_t, std::size_t>>* changed) {
    for (std::size_t i = 0; i < old_doc.size(); ++i) {
      if (old_done[i]) continue;
      for (std::size_t j = 0; j < new_doc.size(); ++j) {
        if (new_done[j] || !match(old_[old_doc[i]], new_[new_doc[j]])) continue;
        old_done[i] = new_done[j] = true;
        if (changed) changed->emplace_back(old_doc[i], new_doc[j]);
        break;
      }
    }
  }

  const std::vector<Claim>& old_;
  const std::vector<Claim>& new_;
};

}  // namespace

DiffResult diff_claims(const std::vector<Claim>& old_claims, const std::vector<Claim>& new_claims) {
  DiffResult result;
  std::map<std::string, std::vector<std::size_t>> old_docs = by_document(old_claims);
  std::map<std::string, std::vector<std::size_t>> new_docs = by_document(new_claims);

  // Two single documents are two versions of one text, whatever their names.
  std::map<std::string, std::string> old_id_of;  // new id -> old id, for pairs whose ids differ
  if (old_docs.size() == 1 && new_docs.size() == 1 && old_docs.begin()->first != new_docs.begin()->first) {
    old_id_of[new_docs.begin()->first] = old_docs.begin()->first;
    old_docs = {{new_docs.begin()->first, old_docs.begin()->second}};
  }

  std::set<std::string> ids;
  for (const auto& [id, list] : old_docs) ids.insert(id);
  for (const auto& [id, list] : new_docs) ids.insert(id);

  // Position of a change in its document, for ordering: where the new text
  // has it, else where the old text had it.
  struct Ordered {
    std::size_t position;
    int kind_rank;
    FigureChange change;
  };
  for (const std::string& id : ids) {
    const auto o = old_docs.find(id);
    const auto n = new_docs.find(id);
    static const std::vector<std::size_t> none;
    const std::vector<std::size_t>& olds = o == old_docs.end() ? none : o->second;
    const std::vector<std::size_t>& news = n == new_docs.end() ? none : n->second;
    if (olds.empty()) result.added_documents.push_back(id);
    if (news.empty()) result.removed_documents.push_back(id);

    const Pairing p = FigurePairer(old_claims, new_claims).pair(olds, news);
    std::vector<Ordered> changes;
    for (auto [a, b] : p.changed)
      if (!same_figure(old_claims[a], new_claims[b]))
        changes.push_back({new_claims[b].mention.start, 1, {ChangeKind::changed, id, a, b}});
    for (std::size_t a : p.removed)
      changes.push_back({old_claims[a].mention.start, 0, {ChangeKind::removed, id, a, std::nullopt}});
    for (std::size_t b : p.added)
      changes.push_back({new_claims[b].mention.start, 2, {ChangeKind::added, id, std::nullopt, b}});
    std::stable_sort(changes.begin(), changes.end(), [](const Ordered& x, const Ordered& y) {
      return std::tie(x.position, x.kind_rank) < std::tie(y.position, y.kind_rank);
    });
    for (Ordered& c : changes) result.changes.push_back(std::move(c.change));
  }
  return result;
}

namespace {

using detail::clean_text;
using detail::format_norm;
using detail::plural;

std::string_view kind_name(ChangeKind k) {
  switch (k) {
    case ChangeKind::added: return "added";
    case ChangeKind::removed: return "removed";
    case ChangeKind::changed: return "changed";
  }
  return "changed";
}

std::string_view kind_sign(ChangeKind k) {
  switch (k) {
    case ChangeKind::added: return "+";
    case ChangeKind::removed: return "-";
    case ChangeKind::changed: return "~";
  }
  return "~";
}

struct Counts {
  std::size_t changed = 0;
  std::size_t added = 0;
  std::size_t removed = 0;
  std::size_t documents = 0;  // documents with at least one change
};

Counts count(const DiffResult& d) {
  Counts c;
  std::set<std::string> docs;
  for (const FigureChange& ch : d.changes) {
    docs.insert(ch.doc);
    if (ch.kind == ChangeKind::changed) ++c.changed;
    if (ch.kind == ChangeKind::added) ++c.added;
    if (ch.kind == ChangeKind::removed) ++c.removed;
  }
  c.documents = docs.size();
  return c;
}

// "2 figures changed in 1 document (1 changed, 1 added, 0 removed); 1 document added, 0 removed"
std::string diff_summary(const DiffResult& d) {
  if (d.empty()) return "no figure changed";
  const Counts c = count(d);
  return fmt::format("{} in {} ({} changed, {} added, {} removed); {} added, {} removed",
                     plural(d.changes.size(), "figure changed", "figures changed"),
                     plural(c.documents, "document", "documents"), c.changed, c.added, c.removed,
                     plural(d.added_documents.size(), "document", "documents"), d.removed_documents.size());
}

const Claim* claim_at(const std::optional<std::size_t>& i, const std::vector<Claim>& claims) {
  return i && *i < claims.size() ? &claims[*i] : nullptr;
}

// --- text ---

struct Colors {
  bool on;
  std::string wrap(std::string_view code, std::string_view s) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : std::string(s);
  }
  std::string kind(ChangeKind k, std::string_view s) const {
    return wrap(k == ChangeKind::added ? "32" : k == ChangeKind::removed ? "31" : "33", s);
  }
};

std::string text_sentence(const Claim& c, const Colors& colors) {
  const detail::SentenceParts p = detail::sentence_excerpt(c, 90);
  const std::string fig = colors.on ? colors.wrap("1;4", p.figure) : "»" + p.figure + "«";
  return fmt::format("\"{}{}{}\"", p.before, fig, p.after);
}

void write_side(std::ostream& out, std::string_view side, const Claim& c, const Colors& colors) {
  out << fmt::format("      {} {} · {}\n", colors.wrap("2", side), clean_text(detail::claim_location(c)),
                     clean_text(c.date ? c.source + " " + *c.date : c.source));
  out << fmt::format("          {}\n", text_sentence(c, colors));
}

void write_text(std::ostream& out, const DiffResult& d, const std::vector<Claim>& olds,
                const std::vector<Claim>& news, const ReportOptions& options) {
  const Colors colors{options.color};
  for (const std::string& id : d.removed_documents)
    out << colors.kind(ChangeKind::removed, fmt::format("- document removed: {}", clean_text(id))) << '\n';
  for (const std::string& id : d.added_documents)
    out << colors.kind(ChangeKind::added, fmt::format("+ document added: {}", clean_text(id))) << '\n';
  if (!d.added_documents.empty() || !d.removed_documents.empty()) out << '\n';

  std::string doc;
  for (const FigureChange& ch : d.changes) {
    const Claim* o = claim_at(ch.old_claim, olds);
    const Claim* n = claim_at(ch.new_claim, news);
    if (ch.doc != doc) {
      if (!doc.empty()) out << '\n';
      doc = ch.doc;
      std::string title = clean_text(doc);
      if (o && o->doc != ch.doc) title = fmt::format("{} → {}", clean_text(o->doc), title);
      out << colors.wrap("1", title) << '\n';
    }
    const Claim& any = n ? *n : *o;
    out << "  " << colors.kind(ch.kind, fmt::format("{} {:<8}", kind_sign(ch.kind), kind_name(ch.kind)))
        << clean_text(any.mention.subject.empty() ? std::string("(no subject)") : any.mention.subject) << '\n';
    // The normalised values only when they say more than the words ("3,000" is 3,000).
    auto says_more = [](const Claim& c) { return format_norm(c.mention) != clean_text(c.mention.text); };
    if (o && n) {
      out << fmt::format("      {} → {}", clean_text(o->mention.text), clean_text(n->mention.text));
      if (says_more(*o) || says_more(*n))
        out << fmt::format("   ({} → {})", format_norm(o->mention), format_norm(n->mention));
      out << '\n';
    } else {
      out << fmt::format("      {}", clean_text(any.mention.text));
      if (says_more(any)) out << fmt::format("   ({})", format_norm(any.mention));
      out << '\n';
    }
    if (o) write_side(out, "old", *o, colors);
    if (n) write_side(out, "new", *n, colors);
  }
  if (!d.changes.empty()) out << '\n';
  out << colors.wrap("1", diff_summary(d)) << '\n';
}

// --- json ---

void write_json(std::ostream& out, const DiffResult& d, const std::vector<Claim>& olds,
                const std::vector<Claim>& news) {
  using json = nlohmann::ordered_json;
  json changes = json::array();
  for (const FigureChange& ch : d.changes) {
    const Claim* o = claim_at(ch.old_claim, olds);
    const Claim* n = claim_at(ch.new_claim, news);
    changes.push_back({{"kind", std::string(kind_name(ch.kind))},
                       {"doc", ch.doc},
                       {"old", o ? json(to_record(*o)) : json(nullptr)},
                       {"new", n ? json(to_record(*n)) : json(nullptr)}});
  }
  const json doc = {{"added_documents", d.added_documents},
                    {"removed_documents", d.removed_documents},
                    {"changes", std::move(changes)}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

// --- html ---

std::string html_side(const Claim* c, std::string_view side) {
  using detail::html_escape;
  if (!c) return fmt::format(R"(<div><div class="side">{}</div><p class="none">not in this version</p></div>)", side);
  std::string_view who = c->source.empty() ? c->doc : c->source;
  return fmt::format(
      R"(<div><div class="side">{}</div><div class="claim-meta"><strong>{}</strong> <span class="muted">{}{}</span></div>)"
      R"(<blockquote>{}</blockquote><dl class="vals"><dt>stated</dt><dd>{}</dd><dt>normalised</dt><dd>{}</dd></dl></div>)",
      side, html_escape(who), c->date ? html_escape(*c->date) + " · " : "", html_escape(detail::claim_location(*c)),
      detail::html_sentence(*c, "fig"), html_escape(clean_text(c->mention.text)), html_escape(format_norm(c->mention)));
}

void write_html(std::ostream& out, const DiffResult& d, const std::vector<Claim>& olds,
                const std::vector<Claim>& news) {
  using detail::html_escape;
  const Counts c = count(d);
  detail::write_html_head(out, "tally diff: " + diff_summary(d));
  out << "<div class=\"wrap\">\n<header>\n<h1>tally diff</h1>\n"
      << fmt::format(R"(<p class="sub">{}</p>)", html_escape(diff_summary(d))) << "\n<ul class=\"counts\">";
  for (auto [kind, n] : {std::pair{ChangeKind::changed, c.changed}, std::pair{ChangeKind::added, c.added},
                         std::pair{ChangeKind::removed, c.removed}})
    out << fmt::format(
        R"(<li class="kind-{0}"><span class="n">{1}</span><span class="what"><span aria-hidden="true">{2}</span> {0}</span></li>)",
        kind_name(kind), n, kind_sign(kind));
  out << fmt::format(R"(<li><span class="n">{}</span><span class="what">documents added</span></li>)",
                     d.added_documents.size())
      << fmt::format(R"(<li><span class="n">{}</span><span class="what">documents removed</span></li>)",
                     d.removed_documents.size())
      << "</ul>\n</header>\n<main>\n";
  for (auto [title, list] : {std::pair{"Documents added", &d.added_documents},
                             std::pair{"Documents removed", &d.removed_documents}}) {
    if (list->empty()) continue;
    out << fmt::format("<h2>{}</h2><ul class=\"doclist\">", title);
    for (const std::string& id : *list) out << "<li>" << html_escape(id) << "</li>";
    out << "</ul>\n";
  }
  out << "<section id=\"changes\"><h2>Changes</h2>\n";
  if (d.changes.empty()) {
    out << R"(<p class="empty">No figure changed.</p>)" << "\n";
  } else {
    out << R"(<form id="controls" class="controls" hidden><fieldset><legend>Show</legend>)";
    for (ChangeKind k : {ChangeKind::changed, ChangeKind::added, ChangeKind::removed})
      out << fmt::format(
          R"(<label class="kind-{0}"><input type="checkbox" data-filter="kind" value="{0}" checked> {1} {0}</label>)",
          kind_name(k), kind_sign(k));
    out << R"(</fieldset><label>Sort <select id="sort"><option value="order">document order</option>)"
           R"(<option value="subject">subject</option></select></label>)"
           R"(<label>Find <input type="search" id="q" aria-label="Find in changes"></label>)"
           R"(<output id="shown" aria-live="polite"></output></form>)"
           "\n"
           R"(<p id="keys" class="keys" hidden>Keys: <kbd>j</kbd> or <kbd>]</kbd> next change, )"
           R"(<kbd>k</kbd> or <kbd>[</kbd> previous, <kbd>/</kbd> find.</p>)"
           "\n<ol id=\"items\" class=\"items\">\n";
    for (std::size_t k = 0; k < d.changes.size(); ++k) {
      const FigureChange& ch = d.changes[k];
      const Claim* o = claim_at(ch.old_claim, olds);
      const Claim* n = claim_at(ch.new_claim, news);
      const Claim& any = n ? *n : *o;
      const std::string subject = any.mention.subject.empty() ? "(no subject)" : any.mention.subject.str();
      std::string doc = ch.doc;
      if (o && o->doc != ch.doc) doc = o->doc + " → " + ch.doc;
      out << fmt::format(
          R"(<li class="item kind-{0}" id="change-{1}" tabindex="-1" data-kind="{0}" data-order="{1}" data-subject="{2}">)"
          R"(<div class="fhead"><span class="badge kind-{0}"><span aria-hidden="true">{3}</span> {0}</span>)"
          R"(<span class="rule">{4}</span><h3>{2}</h3><a class="anchor" href="#change-{1}" aria-label="Link to this change">#</a></div>)",
          kind_name(ch.kind), k, html_escape(subject), kind_sign(ch.kind), html_escape(doc));
      if (o && n)
        out << fmt::format(R"(<p class="message">{} <span class="arrow" aria-label="became">→</span> {}</p>)",
                           html_escape(format_norm(o->mention)), html_escape(format_norm(n->mention)));
      out << "<div class=\"diffrow\">" << html_side(o, "old") << html_side(n, "new") << "</div></li>\n";
    }
    out << "</ol>\n<p id=\"none\" class=\"empty\" hidden>No change matches these filters.</p>\n";
  }
  out << "</section>\n</main>\n";
  detail::write_html_tail(out);
}

}  // namespace

void write_diff(std::ostream& out, DiffFormat format, const DiffResult& diff,
                const std::vector<Claim>& old_claims, const std::vector<Claim>& new_claims,
                const ReportOptions& options) {
  switch (format) {
    case DiffFormat::text: write_text(out, diff, old_claims, new_claims, options); return;
    case DiffFormat::json: write_json(out, diff, old_claims, new_claims); return;
    case DiffFormat::html: write_html(out, diff, old_claims, new_claims); return;
  }
}

}  // namespace tally
