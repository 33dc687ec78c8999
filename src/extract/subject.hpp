// Internal: the subject and block of a figure — the keys `check` groups on.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "extract/context.hpp"

namespace tally::detail {

struct Subject {
  std::string subject;
  std::string block;
};

// The subject and block of a figure from its dimension, unit, period, noun
// and context. A figure whose counted thing is unknown gets a block of its
// own kind ("count:?") that the reconciler never compares across documents.
Subject subject_of(std::string_view dimension, std::string_view unit, bool is_rate,
                   const std::optional<std::string>& period, const NounInfo& noun, bool change_from);

// The base unit of a dimension ("length" -> "m").
std::string base_unit_of(std::string_view dimension, std::string_view unit);

}  // namespace tally::detail
