/// \file Sink.hpp
/// Where a population goes: straight into the tables of a database the store has created
/// (raw sqlite3 prepared statements, one transaction), and into roster and evidence CSV files.
#pragma once

#include "Population.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace yanzhen::bench {

struct SinkCounts {
    std::size_t people = 0;
    std::size_t cohorts = 0;
    std::size_t enrollments = 0;
    std::size_t evidence = 0;
    std::size_t examResults = 0;
};

/// A prepared statement that finalizes itself; step() throws on any error.
class Statement {
public:
    Statement(sqlite3* db, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& bind(int i, std::int64_t v);
    Statement& bind(int i, const std::string& v);
    Statement& bindNull(int i);
    void step();

private:
    sqlite3* db_;
    sqlite3_stmt* st_ = nullptr;
};

class Sink {
public:
    /// Opens `dbFile` (already created by the store) and the CSV files in `dir`. Throws
    /// std::runtime_error when either cannot be opened.
    Sink(const std::filesystem::path& dbFile, const std::filesystem::path& dir, bool evidenceCsv,
         std::int64_t districtRoot, std::string touyanHash, std::string nationalHash);
    ~Sink();
    Sink(const Sink&) = delete;
    Sink& operator=(const Sink&) = delete;

    /// Writes the whole population in one transaction. Throws std::runtime_error on a failed
    /// statement (nothing is kept then).
    SinkCounts fill(const Population& population);

private:
    void exec(const char* sql);
    void csvRow(std::ofstream& out, const EvidenceDraw& row, const std::string& workerCode);

    sqlite3* db_ = nullptr;
    std::filesystem::path dir_;
    bool evidenceCsv_;
    std::int64_t districtRoot_;
    std::string touyanHash_;
    std::string nationalHash_;
};

} // namespace yanzhen::bench
