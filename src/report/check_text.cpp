// `check --format text`, the default: findings for a person at a terminal.
//
// Findings are grouped by subject. Each shows its severity as a word (colour
// only adds to it), its rule and message, then its claims two abreast like a
// side-by-side diff — source, date, place, the sentence with the figure
// marked, the normalised value — and the consensus. The layout fits 80
// columns. This file also holds `write_check`, which picks the writer for a
// format, because text is where a reader of the code starts.
#include <tally/report.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <utf8proc.h>

#include "report/present.hpp"

namespace tally {
namespace detail {
namespace {

constexpr std::size_t k_width = 80;
constexpr std::size_t k_indent = 4;      // claims and consensus sit under the finding header
constexpr std::size_t k_gutter = 3;      // " │ " between the two columns
constexpr std::size_t k_column = (k_width - 1 - k_indent - k_gutter) / 2;
constexpr std::size_t k_context = 110;   // sentence characters kept on each side of a figure

enum class Style { plain, dim, bold, figure, error, warning, note };

std::string_view ansi(Style s) {
  switch (s) {
    case Style::plain: return "";
    case Style::dim: return "\x1b[2m";
    case Style::bold: return "\x1b[1m";
    case Style::figure: return "\x1b[1;4m";
    case Style::error: return "\x1b[1;31m";
    case Style::warning: return "\x1b[1;33m";
    case Style::note: return "\x1b[1;36m";
  }
  return "";
}

Style severity_style(Severity s) {
  switch (s) {
    case Severity::error: return Style::error;
    case Severity::warning: return Style::warning;
    case Severity::note: return Style::note;
  }
  return Style::plain;
}

struct Span {
  std::string text;
  Style style = Style::plain;
};
using Line = std::vector<Span>;

// Terminal columns: CJK and emoji take two, combining marks none. Bytes that
// are not UTF-8 count one each (they print as one replacement character).
// Printable ASCII, nearly all of any corpus, is one column a byte and never
// reaches utf8proc.
std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  auto left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    if (*p >= 0x20 && *p < 0x7F) {
      ++w;
      ++p;
      --left;
      continue;
    }
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      ++w;
      n = 1;
    } else {
      w += static_cast<std::size_t>(std::max(0, utf8proc_charwidth(cp)));
    }
    p += n;
    left -= n;
  }
  return w;
}

std::size_t line_width(const Line& line) {
  std::size_t w = 0;
  for (const Span& s : line) w += display_width(s.text);
  return w;
}

// A piece of a word in one style; a word may change style midway
// ("»3,000«-strong"). Pieces view the text of the spans they come from, so
// splitting a paragraph into words allocates nothing per word: the report
// wraps millions of them.
struct Piece {
  std::string_view text;
  Style style;
  bool starts_word;  // false: it continues the word of the piece before
};

std::vector<Piece> split_words(const Line& spans) {
  std::vector<Piece> pieces;
  bool glue = false;  // the next piece continues the current word
  for (const Span& span : spans) {
    const std::string_view t = span.text;
    std::size_t i = 0;
    while (i < t.size()) {
      if (t[i] == ' ') {
        glue = false;
        ++i;
        continue;
      }
      std::size_t j = t.find(' ', i);
      if (j == std::string_view::npos) j = t.size();
      pieces.push_back({t.substr(i, j - i), span.style, !(glue && !pieces.empty())});
      glue = j == t.size();
      i = j;
    }
  }
  return pieces;
}

// Splits a piece at `width` columns without cutting a UTF-8 sequence.
std::pair<std::string_view, std::string_view> split_at_width(std::string_view s, std::size_t width) {
  std::size_t w = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i + 1;
    while (j < s.size() && is_utf8_continuation(s[j])) ++j;
    const std::size_t cw = display_width(s.substr(i, j - i));
    if (w + cw > width && i > 0) break;
    w += cw;
    i = j;
  }
  return {s.substr(0, i), s.substr(i)};
}

// Greedy word wrap of styled text to `width` columns; `first` is the width of
// the first line when a label already takes part of it.
std::vector<Line> wrap(const Line& spans, std::size_t width, std::size_t first = 0) {
  const std::vector<Piece> pieces = split_words(spans);
  std::vector<Line> lines(1);
  std::size_t used = 0;
  std::size_t room = first ? first : width;
  for (std::size_t begin = 0, end = 0; begin < pieces.size(); begin = end) {
    std::size_t w = 0;
    for (end = begin; end < pieces.size() && (end == begin || !pieces[end].starts_word); ++end)
      w += display_width(pieces[end].text);
    if (used > 0 && used + 1 + w > room) {
      lines.emplace_back();
      used = 0;
      room = width;
    }
    if (used > 0) {
      // A space inside a marked figure ("about 3,000") stays marked.
      const Style style = pieces[begin].style;
      lines.back().push_back({" ", lines.back().back().style == style ? style : Style::plain});
      ++used;
    }
    // A word longer than a whole line (a URL, a long id) is cut where the line ends.
    for (std::size_t k = begin; k < end; ++k) {
      std::string_view text = pieces[k].text;
      const Style style = pieces[k].style;
      std::size_t text_width = display_width(text);
      while (used + text_width > room) {
        auto [head, tail] = split_at_width(text, room - std::min(used, room));
        if (head.empty() && used == 0) break;
        lines.back().push_back({std::string(head), style});
        lines.emplace_back();
        used = 0;
        room = width;
        text = tail;
        text_width = display_width(text);
      }
      used += text_width;
      lines.back().push_back({std::string(text), style});
    }
  }
  return lines;
}

class TextWriter {
 public:
  TextWriter(std::ostream& out, const ReportOptions& options) : out_(out), color_(options.color) {}

  void line(const Line& spans, std::size_t indent = 0) {
    out_ << std::string(indent, ' ');
    put(spans);
    out_ << '\n';
  }

  // Wrapped paragraph; continuation lines indented by `hang` more.
  void paragraph(const Line& spans, std::size_t indent, std::size_t hang = 2) {
    const std::size_t width = k_width - 1 - indent;
    std::vector<Line> lines = wrap(spans, width - hang, width);
    for (std::size_t i = 0; i < lines.size(); ++i) line(lines[i], indent + (i > 0 ? hang : 0));
  }

  // Two cells abreast, each already wrapped to k_column.
  void columns(const std::vector<Line>& left, const std::vector<Line>& right) {
    const std::size_t rows = std::max(left.size(), right.size());
    for (std::size_t r = 0; r < rows; ++r) {
      out_ << std::string(k_indent, ' ');
      std::size_t used = 0;
      if (r < left.size()) {
        put(left[r]);
        used = line_width(left[r]);
      }
      out_ << std::string(k_column - std::min(used, k_column), ' ');
      out_ << (color_ ? "\x1b[2m │\x1b[0m" : " │");
      if (r < right.size() && !right[r].empty()) {
        out_ << ' ';
        put(right[r]);
      }
      out_ << '\n';
    }
  }

  void blank() { out_ << '\n'; }

  bool color() const { return color_; }

 private:
  // Neighbouring spans of one style share one escape sequence.
  void put(const Line& spans) {
    for (std::size_t i = 0; i < spans.size();) {
      std::string text;
      const Style style = spans[i].style;
      for (; i < spans.size() && spans[i].style == style; ++i) text += spans[i].text;
      if (color_ && style != Style::plain)
        out_ << ansi(style) << text << "\x1b[0m";
      else
        out_ << text;
    }
  }

  std::ostream& out_;
  bool color_;
};

// One claim as a cell: who, when, where, the sentence, the value.
// A location too wide for its column loses leading directories ("…/kyiv-wire.txt:8:103"):
// wrapped, "file.txt:6:" and "59" would land on two lines and neither could be pasted.
std::string fit_location(const std::string& where, std::size_t width) {
  if (display_width(where) <= width) return where;
  std::size_t slash = where.find('/');
  while (slash != std::string::npos) {
    std::string shorter = "…" + where.substr(slash);
    if (display_width(shorter) <= width) return shorter;
    slash = where.find('/', slash + 1);
  }
  return where;  // a single name longer than the column: wrap it after all
}

std::vector<Line> claim_cell(const Claim& c, std::size_t width, bool color) {
  std::vector<Line> cell;
  auto add = [&](const Line& spans) {
    for (Line& l : wrap(spans, width)) cell.push_back(std::move(l));
  };
  add({{clean_text(c.source.empty() ? c.doc : c.source), Style::bold}});
  const std::string where = fit_location(clean_text(claim_location(c)), width);
  const std::string date = c.date ? clean_text(*c.date) : std::string();
  if (!date.empty() && display_width(date) + 3 + display_width(where) <= width) {
    add({{fmt::format("{} · {}", date, where), Style::dim}});
  } else {
    if (!date.empty()) add({{date, Style::dim}});
    add({{where, Style::dim}});
  }

  const SentenceParts p = sentence_excerpt(c, k_context);
  Line sentence;
  sentence.push_back({p.before, Style::plain});
  if (color)
    sentence.push_back({p.figure, Style::figure});
  else
    sentence.push_back({"»" + p.figure + "«", Style::plain});
  sentence.push_back({p.after, Style::plain});
  add(sentence);

  const Mention& m = c.mention;
  std::string value = "= " + format_norm(m);
  if (m.qualifier != Qualifier::exact) value += fmt::format(" · {}", as_words(to_string(m.qualifier)));
  if (m.modality != Modality::asserted) value += fmt::format(" · {}", to_string(m.modality));
  if (m.period) value += fmt::format(" · period {}", clean_text(*m.period));
  add({{value, Style::plain}});
  return cell;
}

void write_claims(TextWriter& w, const Finding& f, const std::vector<Claim>& claims) {
  const std::vector<std::size_t> shown = finding_claims(f, claims);
  for (std::size_t i = 0; i < shown.size(); i += 2) {
    w.blank();
    if (i + 1 < shown.size()) {
      w.columns(claim_cell(claims[shown[i]], k_column, w.color()),
                claim_cell(claims[shown[i + 1]], k_column, w.color()));
    } else {
      for (const Line& l : claim_cell(claims[shown[i]], k_width - 1 - k_indent, w.color()))
        w.line(l, k_indent);
    }
  }
}

void write_explanation(TextWriter& w, const Finding& f, const std::vector<Claim>& claims) {
  const Explanation& e = f.explanation;
  if (!e.matched.empty()) {
    std::string why;
    for (const std::string& m : e.matched) why += (why.empty() ? "" : "; ") + clean_text(m);
    w.paragraph({{"grouped because: ", Style::dim}, {why, Style::plain}}, k_indent);
  }
  const std::string unit = comparison_unit(f, claims);
  for (const ClaimExplanation& ce : e.intervals) {
    const std::string who = ce.claim < claims.size()
                                ? clean_text(claims[ce.claim].source.empty() ? claims[ce.claim].doc
                                                                             : claims[ce.claim].source)
                                : fmt::format("claim {}", ce.claim);
    const Interval iv = explained_interval(ce);
    std::string text = fmt::format("{} {}", who, format_interval(iv.low, iv.high, ce.unit.empty() ? unit : ce.unit));
    if (!ce.tolerance.empty()) text += fmt::format(" ({})", clean_text(ce.tolerance));
    w.paragraph({{"compared as: ", Style::dim}, {text, Style::plain}}, k_indent);
  }
  if (e.ratio)
    w.paragraph({{"ratio: ", Style::dim},
                 {fmt::format("{:.3g}× between the nearest ends", *e.ratio), Style::plain}},
                k_indent);
  if (!e.severity_reason.empty())
    w.paragraph({{"severity: ", Style::dim}, {clean_text(e.severity_reason), Style::plain}},
                k_indent);
}

void write_finding(TextWriter& w, const Finding& f, const std::vector<Claim>& claims,
                   const ReportOptions& options) {
  const Style sev = severity_style(f.severity);
  w.paragraph({{std::string(to_string(f.severity)), sev},
               {fmt::format("[{}]: ", clean_text(f.rule)), Style::bold},
               {clean_text(f.message), Style::plain}},
              2, 2);
  write_claims(w, f, claims);
  w.blank();
  if (f.consensus)
    w.paragraph({{"consensus: ", Style::dim},
                 {format_consensus(*f.consensus), Style::plain}},
                k_indent);
  if (options.explain) write_explanation(w, f, claims);
  w.line({{"id: ", Style::dim}, {clean_text(f.id), Style::dim}}, k_indent);
}

}  // namespace

void write_check_text(std::ostream& out, const CheckRun& run, const ReportOptions& options) {
  const RunData data = run_data(run);
  TextWriter w(out, options);

  // Subjects in the order their first finding comes, findings in their own order.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Finding*>> by_subject;
  for (const Finding& f : data.findings) {
    auto [it, fresh] = by_subject.try_emplace(f.subject);
    if (fresh) order.push_back(f.subject);
    it->second.push_back(&f);
  }
  for (const std::string& subject : order) {
    const std::string title = subject.empty() ? "(no subject)" : clean_text(subject);
    w.paragraph({{title, Style::bold}}, 0);
    std::string rule;
    for (std::size_t i = 0; i < std::min(display_width(title), k_width - 1); ++i) rule += "─";
    w.line({{rule, Style::dim}});
    for (const Finding* f : by_subject[subject]) {
      write_finding(w, *f, data.claims, options);
      w.blank();
    }
  }
  w.line({{summary_line(count_severities(data.findings), run.documents, data.claims.size()),
           Style::bold}});
}

}  // namespace detail

void write_check(std::ostream& out, CheckFormat format, const CheckRun& run,
                 const ReportOptions& options) {
  switch (format) {
    case CheckFormat::text: detail::write_check_text(out, run, options); return;
    case CheckFormat::json: detail::write_check_json(out, run, false, options); return;
    case CheckFormat::jsonl: detail::write_check_json(out, run, true, options); return;
    case CheckFormat::sarif: detail::write_check_sarif(out, run); return;
    case CheckFormat::github: detail::write_check_github(out, run); return;
    case CheckFormat::html: detail::write_check_html(out, run, options); return;
  }
}

}  // namespace tally
