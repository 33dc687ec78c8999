// HTML to text with gumbo: the body's visible prose, each piece tied to the
// bytes it came from, plus title, date and publisher from the head.
//
// Gumbo gives each text node its decoded text and its original bytes
// (`original_text`, a slice of our buffer). The two differ only where the
// source has a character reference (`&amp;`), a CR LF (read as LF), a byte
// that is not UTF-8 (read as U+FFFD) or a newline the parser drops (after
// <pre>). The aligner below walks both in step, copies equal runs anchored
// byte for byte, and anchors each differing piece at the start of what it
// replaced — so a word after `&nbsp;` maps exactly, and a decoded entity maps
// to the entity's first byte.
//
// The walk is iterative: a page of 100,000 nested <div>s must not exhaust the
// stack.
#include <gumbo.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "corpus/formats.hpp"

namespace tally::detail {
namespace {

bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

std::string collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (ascii_space(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

const char* attribute(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a != nullptr ? a->value : nullptr;
}

// Elements whose content a reader does not see as prose: code, styling,
// navigation and page furniture, embedded media and form widgets (a chart's
// axis labels or a <select> of years would be figures of nothing).
bool skipped_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_BUTTON:
      return true;
    default:
      return false;
  }
}

bool hidden(const GumboElement& e) {
  if (gumbo_get_attribute(&e.attributes, "hidden") != nullptr) return true;
  if (const char* aria = attribute(e, "aria-hidden"); aria && lower(aria) == "true") return true;
  if (const char* style = attribute(e, "style")) {
    std::string s;
    for (char c : lower(style))
      if (!ascii_space(c)) s.push_back(c);
    if (s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos)
      return true;
  }
  return false;
}

bool block_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

// "2024-10-17T08:00:00Z" → "2024-10-17"; "2024/10/17" → "2024-10-17";
// anything that does not start with a calendar date is not used.
std::optional<std::string> date_part(std::string_view v) {
  while (!v.empty() && ascii_space(v.front())) v.remove_prefix(1);
  if (v.size() < 10) return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t n) {
    return std::all_of(v.begin() + static_cast<std::ptrdiff_t>(from),
                       v.begin() + static_cast<std::ptrdiff_t>(from + n), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(0, 4) || !digits(5, 2) || !digits(8, 2) || v[4] != v[7] || (v[4] != '-' && v[4] != '/'))
    return std::nullopt;
  if (v.size() > 10 && v[10] >= '0' && v[10] <= '9') return std::nullopt;
  std::string d(v.substr(0, 10));
  d[4] = d[7] = '-';
  return d;
}

class HtmlText {
 public:
  HtmlText(std::string_view raw, std::string& text, OffsetMap& map, DocumentMeta& meta)
      : raw_(raw), text_(text), map_(map), meta_(meta) {}

  void run(const GumboNode* root) {
    struct Frame {
      const GumboNode* node;
      std::size_t next_child;
    };
    std::vector<Frame> stack{{root, 0}};
    enter(root);
    while (!stack.empty()) {
      Frame& f = stack.back();
      const GumboVector* children = child_list(f.node);
      if (children == nullptr || f.next_child >= children->length || !descend(f.node)) {
        leave(f.node);
        stack.pop_back();
        continue;
      }
      const auto* child = static_cast<const GumboNode*>(children->data[f.next_child++]);
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
          child->type == GUMBO_NODE_CDATA) {
        if (skip_depth_ == 0 && in_body_ > 0) text_node(child->v.text);
        continue;
      }
      if (child->type == GUMBO_NODE_ELEMENT || child->type == GUMBO_NODE_TEMPLATE) {
        enter(child);
        stack.push_back({child, 0});
      }
    }
  }

  // Fills what the head left open from its fallbacks.
  void finish() {
    if (!meta_.title && !og_title_.empty()) meta_.title = og_title_;
  }

 private:
  static const GumboVector* child_list(const GumboNode* n) {
    if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) return &n->v.element.children;
    return nullptr;
  }

  // Skipped subtrees are still entered for <title> and <meta> in the head.
  bool descend(const GumboNode* n) const {
    if (skip_depth_ == 0) return true;
    return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_HEAD;
  }

  bool skips(const GumboNode* n) const {
    if (n->type == GUMBO_NODE_TEMPLATE) return true;
    if (n->type != GUMBO_NODE_ELEMENT) return false;
    return skipped_tag(n->v.element.tag) || hidden(n->v.element);
  }

  void enter(const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) return;
    const GumboElement& e = n->v.element;
    if (e.tag == GUMBO_TAG_TITLE) title(e);
    if (e.tag == GUMBO_TAG_META) meta(e);
    if (e.tag == GUMBO_TAG_BODY) ++in_body_;
    if (skips(n)) ++skip_depth_;
    if (e.tag == GUMBO_TAG_PRE) ++pre_depth_;
    if (block_tag(e.tag)) separate();
  }

  void leave(const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) return;
    const GumboElement& e = n->v.element;
    if (block_tag(e.tag)) separate();
    if (e.tag == GUMBO_TAG_PRE) --pre_depth_;
    if (skips(n)) --skip_depth_;
    if (e.tag == GUMBO_TAG_BODY) --in_body_;
  }

  void title(const GumboElement& e) {
    if (meta_.title) return;
    std::string t;
    for (unsigned i = 0; i < e.children.length; ++i) {
      const auto* c = static_cast<const GumboNode*>(e.children.data[i]);
      if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE) t += c->v.text.text;
    }
    t = collapse(t);
    if (!t.empty()) meta_.title = std::move(t);
  }

  void meta(const GumboElement& e) {
    const char* content = attribute(e, "content");
    if (content == nullptr) return;
    std::string name = lower(attribute(e, "name") ? attribute(e, "name") : "");
    std::string property = lower(attribute(e, "property") ? attribute(e, "property") : "");
    std::string itemprop = lower(attribute(e, "itemprop") ? attribute(e, "itemprop") : "");
    static constexpr std::string_view k_date_names[] = {
        "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "dcterms.issued",
        "pubdate", "publish-date", "publish_date", "publication_date", "article:published_time"};
    bool is_date = property == "article:published_time" || property == "og:published_time" ||
                   itemprop == "datepublished" ||
                   std::find(std::begin(k_date_names), std::end(k_date_names), name) != std::end(k_date_names);
    if (is_date && !meta_.date) meta_.date = date_part(content);
    // og:site_name names the publisher; an author is a person, and many
    // authors of one outlet are still one source.
    if (property == "og:site_name" && meta_.source.empty() && *content != '\0')
      meta_.source = collapse(content);
    if (property == "og:title" && !meta_.title && *content != '\0') og_title_ = collapse(content);
    if (property == "og:url" && !meta_.url && *content != '\0') meta_.url = collapse(content);
  }

  std::size_t offset_of(const char* p) const {
    auto addr = reinterpret_cast<std::uintptr_t>(p);
    auto base = reinterpret_cast<std::uintptr_t>(raw_.data());
    if (p == nullptr || addr < base || addr > base + raw_.size()) return std::string_view::npos;
    return addr - base;
  }

  void text_node(const GumboText& t) {
    std::string_view dec = t.text != nullptr ? std::string_view(t.text) : std::string_view();
    std::string_view orig(t.original_text.data, t.original_text.length);
    std::size_t base = offset_of(t.original_text.data);
    if (base == std::string_view::npos || base + orig.size() > raw_.size()) {
      put(dec, raw_end_, false, raw_end_);  // text gumbo made up: anchor where we are
      return;
    }
    align(orig, base, dec);
  }

  // Walks the original bytes and the decoded text in step (see the top).
  void align(std::string_view orig, std::size_t base, std::string_view dec) {
    std::size_t i = 0, j = 0;
    while (j < dec.size()) {
      if (std::size_t n = same_char(orig, i, dec, j); n > 0) {
        std::size_t k = 0;
        while (n > 0) {
          k += n;
          n = same_char(orig, i + k, dec, j + k);
        }
        put(dec.substr(j, k), base + i, true, base + i + k);
        i += k;
        j += k;
        continue;
      }
      if (i < orig.size() && orig[i] == '\r' && dec[j] == '\n') {
        if (i + 1 < orig.size() && orig[i + 1] == '\n') {
          ++i;  // CR LF was read as LF: the LF matches on the next turn
        } else {
          put("\n", base + i, true, base + i + 1);
          ++i;
          ++j;
        }
        continue;
      }
      if (i < orig.size() && orig[i] == '\0') {
        ++i;  // a NUL in body text is dropped by the parser
        continue;
      }
      if (i < orig.size() && dec.compare(j, 3, k_replacement) == 0 && replaceable(orig[i])) {
        // Bytes that are not UTF-8 (as many as the longest valid start of a
        // sequence, at least one) or a control character: one U+FFFD.
        std::size_t di = replaced_width(orig, i);
        put(dec.substr(j, 3), base + i, false, base + i + di);
        i += di;
        j += 3;
        continue;
      }
      auto [di, dj] = resync(orig, i, dec, j);
      put(dec.substr(j, dj), base + i, false, base + i + di);
      i += di;
      j += dj;
    }
  }

  static constexpr std::string_view k_replacement = "\xEF\xBF\xBD";

  // The length of the character at orig[i] if dec[j] holds the very same
  // one (whole characters only: the first bytes of U+FFFF are those of
  // U+FFFD), else 0. '&' and CR are never copied as they are.
  static std::size_t same_char(std::string_view orig, std::size_t i, std::string_view dec, std::size_t j) {
    if (i >= orig.size() || j >= dec.size()) return 0;
    auto c = static_cast<unsigned char>(orig[i]);
    if (c == '&' || c == '\r' || c == '\0') return 0;
    if (c < 0x80) return orig[i] == dec[j] ? 1 : 0;
    std::size_t n = utf8_sequence_length(orig, i);
    if (n == 0 || j + n > dec.size() || orig.compare(i, n, dec, j, n) != 0) return 0;
    return n;
  }

  // A byte the parser may read as U+FFFD: one that is not ASCII, or an ASCII
  // control character other than white space.
  static bool replaceable(char ch) {
    auto c = static_cast<unsigned char>(ch);
    return c >= 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r');
  }

  // How many bytes at orig[i] the parser reads as one U+FFFD: a whole valid
  // character (a control or non-character it replaces), else the longest
  // start of a valid sequence, at least one byte.
  static std::size_t replaced_width(std::string_view orig, std::size_t i) {
    if (std::size_t n = utf8_sequence_length(orig, i); n > 0) return n;
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(orig[k]); };
    unsigned char c = b(i);
    std::size_t need = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 1;
    std::size_t w = 1;
    while (w < need && i + w < orig.size()) {
      unsigned char lo = 0x80, hi = 0xBF;
      if (w == 1) {
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
      }
      if (b(i + w) < lo || b(i + w) > hi) break;
      ++w;
    }
    return w;
  }

  // The smallest step (di bytes of the original, dj of the decoded text)
  // after which the two agree again up to the next '&' or CR.
  static std::pair<std::size_t, std::size_t> resync(std::string_view orig, std::size_t i,
                                                    std::string_view dec, std::size_t j) {
    if (i >= orig.size()) return {0, dec.size() - j};
    auto boundary = [&](std::size_t at) {
      return at >= dec.size() || (static_cast<unsigned char>(dec[at]) & 0xC0) != 0x80;
    };
    constexpr std::size_t k_max_reference = 48;  // the longest named reference is 33 bytes
    constexpr std::size_t k_max_decoded = 12;
    constexpr std::size_t k_check = 16;
    std::size_t min_dj = orig[i] == '&' ? 1 : 0;
    for (std::size_t di = 1; di <= std::min(k_max_reference, orig.size() - i); ++di) {
      std::size_t from = i + di;
      std::size_t to = from;
      while (to < orig.size() && to - from < k_check && orig[to] != '&' && orig[to] != '\r' &&
             orig[to] != '\0' && !replaceable(orig[to]))
        ++to;
      std::string_view segment = orig.substr(from, to - from);
      for (std::size_t dj = min_dj; dj <= std::min(k_max_decoded, dec.size() - j); ++dj) {
        if (!boundary(j + dj)) continue;
        if (segment.empty()) {
          // At the end both must end; before another '&', CR, NUL or byte
          // that is not plain ASCII, the smallest whole character will do.
          if (from < orig.size() || j + dj == dec.size()) return {di, dj};
          continue;
        }
        if (dec.compare(j + dj, segment.size(), segment) == 0) return {di, dj};
      }
    }
    // No agreement in reach: give up on this node's remaining bytes.
    return {orig.size() - i, dec.size() - j};
  }

  // Appends `s`, which came from raw[raw_pos, raw_after). `exact` pieces are
  // byte-for-byte copies and anchor per run. Others map their characters
  // in step from raw_pos but never past raw_after (a U+FFFD for one bad
  // byte is three bytes of text): offsets never run backwards, so a figure's
  // start is never after its end. Runs of white space become one space, as
  // a browser shows them, except inside <pre>.
  void put(std::string_view s, std::size_t raw_pos, bool exact, std::size_t raw_after) {
    if (s.empty()) {
      raw_end_ = std::max(raw_end_, raw_after);
      return;
    }
    // Text the parser moved before what it had already given (a table's
    // stray text goes before the table) starts a paragraph of its own:
    // nothing read across the seam could map to an ordered range.
    if (raw_pos < raw_end_) separate();
    std::size_t width = raw_after > raw_pos ? raw_after - raw_pos : 0;
    auto anchor = [&](std::size_t q) {
      map_.add(text_.size(), exact ? raw_pos + q : raw_pos + std::min(q, width));
    };
    std::size_t k = 0;
    while (k < s.size()) {
      if (ascii_space(s[k]) && pre_depth_ == 0) {
        std::size_t start = k;
        while (k < s.size() && ascii_space(s[k])) ++k;
        if (!text_.empty() && !ascii_space(text_.back())) {
          anchor(start);
          text_.push_back(' ');
        }
        continue;
      }
      std::size_t start = k;
      while (k < s.size() && (pre_depth_ > 0 || !ascii_space(s[k]))) ++k;
      if (exact || start + (k - start) <= width) {
        anchor(start);
        text_.append(s.substr(start, k - start));
        continue;
      }
      // Longer than what it replaced: each character anchors on its own.
      for (std::size_t q = start; q < k;) {
        std::size_t n = 1;
        while (q + n < k && (static_cast<unsigned char>(s[q + n]) & 0xC0) == 0x80) ++n;
        anchor(q);
        text_.append(s.substr(q, n));
        q += n;
      }
    }
    raw_end_ = std::max(raw_end_, raw_after);
  }

  // Ends the sentence: a block boundary becomes a blank line.
  void separate() {
    if (text_.empty() || skip_depth_ > 0) return;
    while (!text_.empty() && text_.back() == ' ') text_.pop_back();
    if (text_.empty()) return;
    if (text_.size() >= 2 && text_.compare(text_.size() - 2, 2, "\n\n") == 0) return;
    map_.add(text_.size(), raw_end_);
    text_.append(text_.back() == '\n' ? "\n" : "\n\n");
  }

  std::string_view raw_;
  std::string& text_;
  OffsetMap& map_;
  DocumentMeta& meta_;
  std::string og_title_;
  std::size_t raw_end_ = 0;
  int skip_depth_ = 0;
  int pre_depth_ = 0;
  int in_body_ = 0;
};

std::size_t count_invalid_utf8(std::string_view raw) {
  std::size_t bad = 0;
  for (std::size_t i = 0; i < raw.size();) {
    if (static_cast<unsigned char>(raw[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = utf8_sequence_length(raw, i);
    if (n == 0) {
      ++bad;
      n = 1;
    }
    i += n;
  }
  return bad;
}

}  // namespace

std::size_t html_to_text(std::string_view raw, std::string& text, OffsetMap& map, DocumentMeta& meta) {
  // A byte-order mark is not content; the parse starts after it, and the
  // offsets gumbo gives stay offsets into `raw`.
  std::size_t skip = raw.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // do not keep parse errors: broken pages have millions
  GumboOutput* out = gumbo_parse_with_options(&options, raw.data() + skip, raw.size() - skip);
  if (out == nullptr) return count_invalid_utf8(raw);
  HtmlText walker(raw, text, map, meta);
  walker.run(out->document);
  walker.finish();
  gumbo_destroy_output(&options, out);
  return count_invalid_utf8(raw);
}

}  // namespace tally::detail
