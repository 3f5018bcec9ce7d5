#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace scalelab::core {

/// Adds a member to an ordered JSON object whose keys are known to differ (node ids, which
/// validation makes unique), keeping insertion order. ordered_json's operator[] and emplace
/// search the object's vector linearly for the key first: over 100k nodes that was 5e9 key
/// compares, and `analyze --json` took 20 s.
inline void appendMember(nlohmann::ordered_json& object, std::string key,
                         nlohmann::ordered_json value)
{
    if (!object.is_object())
        object = nlohmann::ordered_json::object();
    auto& members = object.get_ref<nlohmann::ordered_json::object_t&>();
    using Members = nlohmann::ordered_json::object_t::Container;
    static_cast<Members&>(members).emplace_back(std::move(key), std::move(value));
}

} // namespace scalelab::core
