/// \file CourseVersions.hpp
/// Course versions as cohorts use them: a catalog course is kept in the database under its
/// hash when a cohort starts on it, and a pinned version is loaded back from the database text
/// (not from today's file), once, then shared.
#pragma once

#include "courses/Course.hpp"
#include "plugins/PluginRegistry.hpp"
#include "store/Store.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace yanzhen::services {

class CourseVersions {
public:
    /// Loads versions with the plugins of `registry`; both must outlive this object.
    CourseVersions(store::Store& store, const plugins::PluginRegistry& registry)
        : store_(store), registry_(registry) {}

    /// Keeps `course` (as loaded from its file) in the store, in `unit`; returns its hash.
    std::string keep(store::WriteUnit& unit, const courses::Course& course);

    /// The course version `hash`, loaded from the database. Throws std::runtime_error naming
    /// the version when it is unknown or no longer loads (a plugin it needs is gone).
    std::shared_ptr<const courses::Course> get(const std::string& hash);

private:
    store::Store& store_;
    const plugins::PluginRegistry& registry_;
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const courses::Course>> loaded_;
};

} // namespace yanzhen::services
