#include "Database.hpp"

#include "Migrations.hpp"
#include "WriteTransaction.hpp"

#include "clock/Clock.hpp"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>

#include <sqlite3.h>

#include <unordered_map>

namespace yanzhen::store {

using namespace Poco::Data::Keywords;

namespace {

/// Runs `sql` (one or more statements) on the raw connection; throws StoreError with SQLite's
/// message. Used for pragmas, transaction control and migrations, which Poco::Data would
/// otherwise prepare one statement at a time.
void exec(Poco::Data::Session& session, const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(Poco::Data::SQLite::Utility::dbHandle(session), sql.c_str(), nullptr, nullptr,
                     &error) != SQLITE_OK) {
        const std::string message = error != nullptr ? error : "unknown error";
        sqlite3_free(error);
        throw StoreError("sqlite: " + message + " (in: " + sql.substr(0, 80) + ")");
    }
}

} // namespace

std::shared_ptr<Database> Database::open(const std::filesystem::path& file) {
    return open(file, Options{});
}

std::shared_ptr<Database> Database::open(const std::filesystem::path& file, Options options) {
    static std::once_flag registered;
    std::call_once(registered, [] {
        // No memory statistics: with them on (SQLite's default), every sqlite3_malloc and
        // sqlite3_free in the process takes one global mutex to count bytes. Under a roll call
        // the writer, holding the write lock, queued on it behind the readers, and the check-ins
        // fell behind their rate (tests/host/reliability/load_test.cpp). Nothing here reads
        // the statistics. sqlite3_config works only before SQLite initializes; if something in
        // the process opened a database first, it refuses (SQLITE_MISUSE) and counting stays on.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        Poco::Data::SQLite::Connector::registerConnector();
    });
    std::shared_ptr<Database> db(new Database(std::filesystem::absolute(file), options));
    db->writer_ = db->connect();
    exec(*db->writer_, "PRAGMA journal_mode=WAL"); // sticks to the file
    db->migrate();
    return db;
}

Database::Database(std::filesystem::path file, Options options)
    : file_(std::move(file)), options_(options) {}

std::unique_ptr<Poco::Data::Session> Database::connect() const {
    std::unique_ptr<Poco::Data::Session> s;
    try {
        s = std::make_unique<Poco::Data::Session>("SQLite", file_.string());
    } catch (const Poco::Exception& e) {
        throw StoreError("cannot open database " + file_.string() + ": " + e.displayText());
    }
    // Per-connection settings: each connection needs them, and a pooled one keeps them.
    sqlite3_busy_timeout(Poco::Data::SQLite::Utility::dbHandle(*s), options_.busyTimeoutMs);
    exec(*s, std::string("PRAGMA foreign_keys=ON; PRAGMA synchronous=") +
                 (options_.synchronousFull ? "FULL" : "NORMAL"));
    return s;
}

void Database::migrate() {
    exec(*writer_, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                   "name TEXT NOT NULL,"
                   " applied_at TEXT NOT NULL)");
    const int current = schemaVersion();
    const int newest = migrations().back().version;
    if (current > newest)
        throw StoreError("database " + file_.string() + " has schema version " +
                         std::to_string(current) + ", newer than this program's " +
                         std::to_string(newest) + "; use a newer yanzhen");
    for (const auto& m : migrations()) {
        if (m.version <= current) continue;
        std::lock_guard lock(writerMutex_);
        exec(*writer_, "BEGIN IMMEDIATE");
        try {
            exec(*writer_, m.sql);
            int version = m.version;
            std::string name = m.name;
            std::string at = clock::nowUtc();
            *writer_ << "INSERT INTO schema_migrations(version, name, applied_at) VALUES(?, ?, ?)",
                use(version), use(name), use(at), now;
            exec(*writer_, "COMMIT");
        } catch (...) {
            exec(*writer_, "ROLLBACK");
            throw;
        }
    }
}

int Database::schemaVersion() {
    int version = 0;
    auto r = read();
    *r << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", into(version), now;
    return version;
}

struct Database::Connection {
    explicit Connection(std::unique_ptr<Poco::Data::Session> s) : session(std::move(s)) {}
    ~Connection() {
        for (auto& [_, statement] : statements)
            sqlite3_finalize(statement);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    std::unique_ptr<Poco::Data::Session> session;
    std::unordered_map<std::string, sqlite3_stmt*> statements;
};

Database::~Database() = default;

std::unique_ptr<Database::Connection> Database::connectReader() const {
    // No mmap_size and no larger cache_size: both were measured on 14 M rows under 32 clients,
    // and both made progress reads slower (mmap 3x, a 16 MB cache per connection 3x while warm).
    return std::make_unique<Connection>(connect());
}

Database::Reader Database::read() {
    {
        std::lock_guard lock(poolMutex_);
        if (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            return Reader(*this, std::move(c));
        }
    }
    return Reader(*this, connectReader());
}

Database::Reader::Reader(Database& db, std::unique_ptr<Connection> connection)
    : db_(&db), connection_(std::move(connection)) {}

Database::Reader::Reader(Reader&&) noexcept = default;

Database::Reader::~Reader() {
    if (!connection_ || db_ == nullptr) return;
    std::lock_guard lock(db_->poolMutex_);
    db_->idle_.push_back(std::move(connection_));
}

Poco::Data::Session& Database::Reader::operator*() {
    return *connection_->session;
}

Poco::Data::Session* Database::Reader::operator->() {
    return connection_->session.get();
}

sqlite3* Database::Reader::handle() {
    return Poco::Data::SQLite::Utility::dbHandle(*connection_->session);
}

sqlite3_stmt* Database::Reader::prepared(const std::string& sql) {
    auto& statements = connection_->statements;
    if (const auto it = statements.find(sql); it != statements.end()) return it->second;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(handle(), sql.c_str(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK) {
        const std::string message = sqlite3_errmsg(handle());
        sqlite3_finalize(statement);
        throw StoreError("sqlite: " + message + " (in: " + sql.substr(0, 80) + ")");
    }
    statements.emplace(sql, statement);
    return statement;
}

void Database::write(const std::string& actor, const std::function<void(WriteTransaction&)>& body) {
    std::lock_guard lock(writerMutex_);
    exec(*writer_, "BEGIN IMMEDIATE");
    try {
        WriteTransaction tx(*writer_, actor, clock::nowUtc());
        body(tx);
        exec(*writer_, "COMMIT");
    } catch (...) {
        try {
            exec(*writer_, "ROLLBACK");
        } catch (...) { // the original error is the one to report
        }
        throw;
    }
}

void Database::backup(const std::filesystem::path& target) {
    std::error_code ec;
    std::filesystem::remove(target, ec);
    sqlite3* destination = nullptr;
    if (sqlite3_open(target.string().c_str(), &destination) != SQLITE_OK) {
        const std::string message = sqlite3_errmsg(destination);
        sqlite3_close(destination);
        throw StoreError("cannot create backup " + target.string() + ": " + message);
    }
    auto source = read();
    sqlite3_backup* backup = sqlite3_backup_init(
        destination, "main", Poco::Data::SQLite::Utility::dbHandle(*source), "main");
    if (backup == nullptr) {
        const std::string message = sqlite3_errmsg(destination);
        sqlite3_close(destination);
        throw StoreError("cannot back up to " + target.string() + ": " + message);
    }
    // All pages in one step: the copy is one consistent snapshot, whatever writers do meanwhile.
    int rc = SQLITE_OK;
    do {
        rc = sqlite3_backup_step(backup, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    const std::string message = sqlite3_errmsg(destination);
    sqlite3_close(destination);
    if (rc != SQLITE_DONE) throw StoreError("backup to " + target.string() + " failed: " + message);
}

} // namespace yanzhen::store
