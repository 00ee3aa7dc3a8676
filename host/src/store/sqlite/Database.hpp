/// \file Database.hpp
/// The embedded SQLite database: one file, WAL, foreign keys on, versioned migrations applied
/// on open; one writer (BEGIN IMMEDIATE, so a transaction that reads then writes never fails
/// half-way with SQLITE_BUSY), and any number of readers, each on its own connection.
#pragma once

#include "store/StoreError.hpp"

#include <Poco/Data/Session.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace yanzhen::store {

class WriteTransaction;


class Database {
public:
    struct Options {
        /// How long a writer waits for another process's write lock before failing.
        int busyTimeoutMs = 10000;
        /// synchronous=NORMAL in WAL keeps every committed transaction across a process crash;
        /// FULL also across a power cut, at about a tenth of the write rate (measured).
        bool synchronousFull = false;
    };

    /// Opens `file`, creating it when it does not exist, and applies missing migrations.
    /// Throws StoreError when the file is newer than this program's schema or not a database.
    static std::shared_ptr<Database> open(const std::filesystem::path& file);
    static std::shared_ptr<Database> open(const std::filesystem::path& file, Options options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    const std::filesystem::path& file() const { return file_; }
    /// The highest migration applied.
    int schemaVersion();

    /// One pooled connection and the raw statements prepared on it (finalized before it closes).
    struct Connection;

    /// A connection for reading, returned to the pool when the holder goes out of scope.
    /// Never shared between threads; never blocks for another reader.
    class Reader {
    public:
        Reader(Database& db, std::unique_ptr<Connection> connection);
        Reader(Reader&&) noexcept;
        ~Reader();
        Poco::Data::Session& operator*();
        Poco::Data::Session* operator->();
        /// The raw connection, for a proven hot path (Poco::Data costs microseconds a row).
        sqlite3* handle();
        /// `sql` prepared once on this connection and kept with it, reset and unbound: the hot
        /// read path re-executes it instead of compiling it again (compiling was a fifth of a
        /// progress request). Throws StoreError when it does not compile. The caller must reset
        /// it when done (Statement does), or the connection keeps its read snapshot.
        sqlite3_stmt* prepared(const std::string& sql);

    private:
        Database* db_;
        std::unique_ptr<Connection> connection_;
    };
    Reader read();

    /// Runs `body` in one write transaction (BEGIN IMMEDIATE ... COMMIT) as `actor`; rolls back
    /// and rethrows if it throws. Writers in this process take turns; another process's writer
    /// is waited for up to the busy timeout.
    void write(const std::string& actor, const std::function<void(WriteTransaction&)>& body);

    /// Copies the whole database to `target` with SQLite's online backup: a consistent
    /// snapshot, while other connections go on reading and writing.
    void backup(const std::filesystem::path& target);

private:
    Database(std::filesystem::path file, Options options);
    std::unique_ptr<Poco::Data::Session> connect() const;
    std::unique_ptr<Connection> connectReader() const;
    void migrate();

    std::filesystem::path file_;
    Options options_;
    std::mutex writerMutex_;
    std::unique_ptr<Poco::Data::Session> writer_;
    std::mutex poolMutex_;
    std::vector<std::unique_ptr<Connection>> idle_;
};

} // namespace yanzhen::store
