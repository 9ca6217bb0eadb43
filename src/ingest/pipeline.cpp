// ReadInputs with threads ≥ 2. The calling thread opens each file (its header and
// layout) and folds records into the sink; the rows are scanned and mapped elsewhere:
//  * a large plain UTF-8 file of a kind that reads no money is cut into parts of
//    ReadOverrides::part_bytes at record boundaries, and `threads` workers map the parts at once;
//  * any other file is read by one thread behind the caller, in batches.
// Either way the sink, on_reject and progress are called only on the calling
// thread, in file order, so the answer, the rejects and their order are those of a
// one-thread read.
//
// Where a part starts is found without reading what comes before it: a worker
// guesses the first line start at or after the part's nominal offset. The guess
// is wrong when that offset is inside a quoted field that holds a line break; the
// caller knows the true start once the previous part is folded (where that part's
// last record ended), and maps a part whose guess was wrong again from there. So a
// wrong guess costs time, never a wrong row. Lines are counted from 1 in each part
// and shifted when folded.
//
// Batches are recycled: a batch keeps its records (and their strings' capacity), so
// after the first few batches copying a record into one allocates nothing. At most
// kBatches (or kSlotsPerThread parts per worker) are in flight, which bounds the
// memory the hand-over adds.
#include "ingest/pipeline.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <span>
#include <thread>

#include "csv/source.h"

namespace baton {
namespace {

constexpr std::size_t kBatchEvents = 4096;
constexpr std::size_t kBatches = 4;
constexpr std::int64_t kMinParts = 8;  // a smaller file (16 MiB) is read behind, whole
constexpr std::size_t kSlotsPerThread = 2;

// Records of one type in a batch, reused from batch to batch.
template <class T>
struct Slab {
  std::vector<T> items;
  std::size_t used = 0;
  void Add(const T& item) {
    if (used == items.size()) {
      items.push_back(item);
    } else {
      items[used] = item;
    }
    ++used;
  }
  // Gives the memory of a slab this batch did not use back.
  void ReleaseIfUnused() {
    if (used == 0 && items.capacity() != 0) std::vector<T>().swap(items);
  }
};

// An activity with no key, type or owner (ReadOverrides::activity_details off):
// 16 bytes where the whole record takes 112, and no strings to copy.
struct BareActivity {
  Instant at;
  bool from_person, day_only;
};

enum class Event : std::uint8_t {
  kPerson,
  kOpportunity,
  kStageChange,
  kLink,
  kActivity,
  kBareActivity,
  kCampaignMember,
  kCampaign,
  kSpend,
  kReject,
  kProgress,
};
constexpr std::size_t kEvents = static_cast<std::size_t>(Event::kProgress) + 1;

struct Batch {
  std::vector<Event> order;
  Slab<PersonRecord> people;
  Slab<OpportunityRecord> opportunities;
  Slab<StageChangeRecord> changes;
  Slab<LinkRecord> links;
  Slab<ActivityRecord> activities;
  Slab<BareActivity> bare_activities;
  Slab<CampaignMemberRecord> members;
  Slab<CampaignRecord> campaigns;
  Slab<SpendRecord> spend;
  Slab<Reject> rejects;
  Slab<ReadProgress> progress;

  void Clear() {
    order.clear();
    people.used = opportunities.used = changes.used = links.used = activities.used = 0;
    bare_activities.used = 0;
    members.used = campaigns.used = spend.used = rejects.used = progress.used = 0;
  }

  // Called by the reading thread on a full batch: the records of the kinds it did
  // not hold go, with their strings. A batch reused from file to file would
  // otherwise keep every kind's records at once (about 45 MB more at the bench
  // company's HubSpot contacts, read after the tasks, history and members).
  void ReleaseUnused() {
    people.ReleaseIfUnused();
    opportunities.ReleaseIfUnused();
    changes.ReleaseIfUnused();
    links.ReleaseIfUnused();
    activities.ReleaseIfUnused();
    bare_activities.ReleaseIfUnused();
    members.ReleaseIfUnused();
    campaigns.ReleaseIfUnused();
    spend.ReleaseIfUnused();
    rejects.ReleaseIfUnused();
    progress.ReleaseIfUnused();
  }

  // Calls the sink, on_reject and progress for every event, in order, with the
  // rejects' lines moved by `line_shift`. The person keys of the event kAhead
  // places ahead are handed to the sink's Prefetch first (an activity's only when
  // the sink looks activities up: ReadOverrides::activity_details).
  void Replay(RecordSink& sink, const std::function<void(const Reject&)>& on_reject,
              const std::function<void(const ReadProgress&)>& on_progress, bool hint_activities,
              std::int64_t line_shift = 0) const {
    constexpr std::size_t kAhead = 16;
    std::size_t n[kEvents] = {};
    std::size_t ahead[kEvents] = {};
    ActivityRecord bare;  // a BareActivity as the sink takes it
    auto hint = [&](Event e) {
      const std::size_t i = ahead[static_cast<int>(e)]++;
      switch (e) {
        case Event::kPerson:
          for (const auto& key : people.items[i].keys) sink.Prefetch(key);
          for (const auto& key : people.items[i].linked_keys) sink.Prefetch(key);
          break;
        case Event::kOpportunity:
          for (const auto& key : opportunities.items[i].person_keys) sink.Prefetch(key);
          break;
        case Event::kStageChange:
          if (!changes.items[i].subject_is_opportunity) sink.Prefetch(changes.items[i].subject_key);
          break;
        case Event::kLink:
          sink.Prefetch(links.items[i].person_key);
          break;
        case Event::kActivity:
          if (hint_activities && !activities.items[i].person_key.empty()) {
            sink.Prefetch(activities.items[i].person_key);
          }
          break;
        case Event::kCampaignMember:
          sink.Prefetch(members.items[i].person_key);
          break;
        default:
          break;
      }
    };
    for (std::size_t k = 0; k < kAhead && k < order.size(); ++k) hint(order[k]);
    for (std::size_t k = 0; k < order.size(); ++k) {
      if (k + kAhead < order.size()) hint(order[k + kAhead]);
      Event e = order[k];
      std::size_t& i = n[static_cast<int>(e)];
      switch (e) {
        case Event::kPerson:
          sink.Person(people.items[i++]);
          break;
        case Event::kOpportunity:
          sink.Opportunity(opportunities.items[i++]);
          break;
        case Event::kStageChange:
          sink.StageChange(changes.items[i++]);
          break;
        case Event::kLink:
          sink.Link(links.items[i++]);
          break;
        case Event::kActivity:
          sink.Activity(activities.items[i++]);
          break;
        case Event::kBareActivity: {
          const BareActivity& a = bare_activities.items[i++];
          bare.at = a.at;
          bare.from_person = a.from_person;
          bare.day_only = a.day_only;
          sink.Activity(bare);
          break;
        }
        case Event::kCampaignMember:
          sink.CampaignMember(members.items[i++]);
          break;
        case Event::kCampaign:
          sink.Campaign(campaigns.items[i++]);
          break;
        case Event::kSpend:
          sink.Spend(spend.items[i++]);
          break;
        case Event::kReject:
          if (line_shift == 0) {
            on_reject(rejects.items[i]);
          } else {
            Reject moved = rejects.items[i];
            moved.line += line_shift;
            on_reject(moved);
          }
          ++i;
          break;
        case Event::kProgress:
          if (on_progress) on_progress(progress.items[i]);
          ++i;
          break;
      }
    }
  }
};

// Thrown on a reading thread when the folding side has failed and stopped.
struct Stopped {};

// The hand-over of one file read behind the caller: full batches in order from
// the reader, empty ones back to it.
class Queue {
 public:
  explicit Queue(std::span<Batch, kBatches> storage) {
    for (auto& b : storage) empty_.push_back(&b);
  }
  // Reader side. Throws Stopped once the folding side has given up.
  Batch* TakeEmpty() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || !empty_.empty(); });
    if (stopped_) throw Stopped{};
    Batch* b = empty_.back();
    empty_.pop_back();
    b->Clear();
    return b;
  }
  void PushFull(Batch* b) {
    std::lock_guard lock(mutex_);
    full_.push_back(b);
    changed_.notify_all();
  }
  void Close(std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    closed_ = true;
    error_ = std::move(error);
    changed_.notify_all();
  }
  // Folding side: the next full batch, or nullptr when the reader is done.
  Batch* PopFull() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || !full_.empty(); });
    if (full_.empty()) return nullptr;
    Batch* b = full_.front();
    full_.pop_front();
    return b;
  }
  void GiveBack(Batch* b) {
    std::lock_guard lock(mutex_);
    empty_.push_back(b);
    changed_.notify_all();
  }
  void Stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }
  std::exception_ptr error() {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Batch*> empty_;
  std::deque<Batch*> full_;
  bool closed_ = false, stopped_ = false;
  std::exception_ptr error_;
};

// A reading thread's sink: copies every record into a batch. With a queue, a
// full batch is handed over and an empty one taken; without, one batch takes all.
class BatchSink : public RecordSink {
 public:
  explicit BatchSink(Queue& queue) : queue_(&queue), batch_(queue.TakeEmpty()) {}
  explicit BatchSink(Batch& batch) : batch_(&batch) {}

  void Person(const PersonRecord& r) override { Add(Event::kPerson, batch_->people, r); }
  void Opportunity(const OpportunityRecord& r) override {
    Add(Event::kOpportunity, batch_->opportunities, r);
  }
  void StageChange(const StageChangeRecord& r) override {
    Add(Event::kStageChange, batch_->changes, r);
  }
  void Link(const LinkRecord& r) override { Add(Event::kLink, batch_->links, r); }
  void Activity(const ActivityRecord& r) override {
    if (r.person_key.empty() && r.type.empty() && r.owner.empty()) {
      Add(Event::kBareActivity, batch_->bare_activities,
          BareActivity{r.at, r.from_person, r.day_only});
    } else {
      Add(Event::kActivity, batch_->activities, r);
    }
  }
  void CampaignMember(const CampaignMemberRecord& r) override {
    Add(Event::kCampaignMember, batch_->members, r);
  }
  void Campaign(const CampaignRecord& r) override { Add(Event::kCampaign, batch_->campaigns, r); }
  void Spend(const SpendRecord& r) override { Add(Event::kSpend, batch_->spend, r); }
  void Reject(const baton::Reject& r) { Add(Event::kReject, batch_->rejects, r); }
  void Progress(const ReadProgress& p) { Add(Event::kProgress, batch_->progress, p); }
  void Flush() {
    if (queue_ == nullptr || batch_ == nullptr || batch_->order.empty()) return;
    batch_->ReleaseUnused();
    queue_->PushFull(batch_);
    batch_ = nullptr;
    batch_ = queue_->TakeEmpty();
  }

 private:
  template <class T>
  void Add(Event e, Slab<T>& slab, const T& r) {
    slab.Add(r);
    batch_->order.push_back(e);
    if (queue_ != nullptr && batch_->order.size() >= kBatchEvents) Flush();
  }

  Queue* queue_ = nullptr;
  Batch* batch_;
};

// One file read by a thread behind the caller, which folds its batches.
void ReadBehind(OpenedFile& f, const Config& config, const ReadOverrides& overrides,
                RecordSink& sink, const std::function<void(const Reject&)>& on_reject,
                std::string* report_currency, std::span<Batch, kBatches> storage) {
  Queue queue(storage);
  std::thread reader([&] {
    std::exception_ptr error;
    BatchSink batches(queue);
    try {
      auto mapper = MakeMapper(f, config, overrides, f.stats, report_currency);
      std::function<void(const ReadProgress&)> progress;
      if (overrides.progress) progress = [&](const ReadProgress& p) { batches.Progress(p); };
      MapRows(
          *f.reader, *mapper, f.stats, batches, [&](const Reject& r) { batches.Reject(r); },
          progress, &f.name);
      batches.Flush();
    } catch (const Stopped&) {
      // The folding side failed; its error is the one to report.
    } catch (...) {
      // The records read before the error still reach the sink, as on one thread.
      error = std::current_exception();
      try {
        batches.Flush();
      } catch (const Stopped&) {
      }
    }
    queue.Close(error);
  });
  try {
    while (Batch* batch = queue.PopFull()) {
      batch->Replay(sink, on_reject, overrides.progress, overrides.activity_details);
      queue.GiveBack(batch);
    }
  } catch (...) {
    queue.Stop();
    reader.join();
    throw;
  }
  reader.join();
  if (auto error = queue.error()) std::rethrow_exception(error);
}

// Whether a file is read in parts: large, plain UTF-8 on disk, and of a kind whose
// rows never touch the run's shared state (money sets the report currency), and
// not for `check` (duplicate ids are counted per file).
std::optional<PlainFile> Splittable(const OpenedFile& f, const ReadOverrides& overrides) {
  // Row keys (id = "row", a deal's person on its row) are built from line numbers,
  // which a part counts from its own start.
  if (overrides.threads < 2 || overrides.data_quality || f.setup.row_identity ||
      f.setup.row_person) {
    return std::nullopt;
  }
  switch (f.stats.kind) {
    case Kind::kPeople:
    case Kind::kStageHistory:
    case Kind::kLinks:
    case Kind::kActivities:
    case Kind::kCampaignMembers:
      break;
    default:
      return std::nullopt;
  }
  if (f.reader->encoding() != "utf-8") return std::nullopt;
  auto file = ProbePlainFile(f.path);
  if (!file || file->size - f.reader->next_offset() < kMinParts * overrides.part_bytes) {
    return std::nullopt;
  }
  return file;
}

// What a worker made of one part.
struct PartResult {
  std::size_t index = 0;
  bool ready = false;
  std::int64_t start = -1;  // where mapping began (-1: no start was found)
  std::int64_t end = 0;     // where the next record starts: the next part's start
  std::int64_t lines = 0;   // line ends in the part
  FileStats stats;
  Batch batch;
  std::exception_ptr error;
};

// The batches of a read, kept from file to file: a batch keeps its records and
// their strings' capacity, and letting a file's batches go meant freeing some
// 200,000 strings on the folding thread (40 ms at the end of the bench company's
// lead export, with the workers idle).
struct Batches {
  std::array<Batch, kBatches> behind;  // ReadBehind's queue
  std::vector<PartResult> parts;       // ReadInParts' slots
};

// Maps the records starting in [start, limit) into `out`, lines from `first_line`.
void MapPart(const OpenedFile& f, const Config& config, const ReadOverrides& overrides,
             std::int64_t start, std::int64_t limit, std::int64_t first_line, PartResult& out) {
  out.batch.Clear();
  out.stats = FileStats{};
  out.stats.name = f.stats.name;  // the mapper reads the file's system and kind here
  out.stats.system = f.stats.system;
  out.stats.kind = f.stats.kind;
  out.stats.layout = f.stats.layout;
  out.error = nullptr;
  out.start = start;
  BatchSink sink(out.batch);
  std::string no_currency;  // a splittable kind reads no money
  TableReader reader(f.path, {start, limit, first_line, f.reader->delimiter()}, f.name);
  auto mapper = MakeMapper(f, config, overrides, out.stats, &no_currency);
  MapRows(
      reader, *mapper, out.stats, sink, [&](const Reject& r) { sink.Reject(r); }, {}, nullptr);
  out.end = reader.next_offset();
  out.lines = reader.next_line() - first_line;
  out.batch.ReleaseUnused();
}

// The first line start at or after `offset`; -1 when none is found within 64 KiB.
std::int64_t GuessRecordStart(const std::string& path, std::int64_t offset, char delimiter) {
  constexpr std::size_t kWindow = (64 << 10) + 1;
  auto source = OpenSourceAt(path, offset - 1);
  std::string bytes;
  std::size_t got = 0;
  for (std::size_t want = 4096;; want = std::min(want * 4, kWindow)) {
    bytes.resize(want);
    while (got < want) {
      const std::size_t n = source->Read(bytes.data() + got, want - got);
      if (n == 0) break;
      got += n;
    }
    const bool last = got < want || want == kWindow;
    bytes.resize(got);
    const std::int64_t at = GuessLineStart(bytes, delimiter, last);
    if (at != kGuessNeedsMore) return at < 0 ? -1 : offset - 1 + at;
  }
}

// Adds a part's counts to its file's; first lines move by `line_shift`.
void MergePart(FileStats& into, const FileStats& part, std::int64_t line_shift) {
  into.rows += part.rows;
  into.used += part.used;
  into.footer_rows += part.footer_rows;
  into.email_column = into.email_column || part.email_column;
  for (const auto& [reason, seen] : part.rejected) {
    auto [it, added] =
        into.rejected.try_emplace(reason, SeenValue{0, seen.first_line + line_shift});
    it->second.count += seen.count;
  }
  for (const auto& [reason, n] : part.ignored) into.ignored[reason] += n;
  for (const auto& [finding, note] : part.notes) {
    auto [it, added] = into.notes.try_emplace(finding, note);
    if (note.first_line == 0) continue;  // a note on the whole file, made once per part
    if (added) {
      it->second.first_line += line_shift;
    } else {
      it->second.count += note.count;
    }
  }
  for (const auto& [field, values] : part.unmapped) {
    auto& known = into.unmapped[field];
    for (const auto& [value, seen] : values) {
      // One value in any letter case is counted under its first spelling.
      auto it = known.find(value);
      if (it == known.end()) {
        const std::string key = NormaliseHeader(value);
        it = std::find_if(known.begin(), known.end(),
                          [&](const auto& k) { return NormaliseHeader(k.first) == key; });
      }
      if (it == known.end()) {
        known.emplace(value, SeenValue{seen.count, seen.first_line + line_shift});
      } else {
        it->second.count += seen.count;
      }
    }
  }
}

// One large file mapped in parts by `threads` workers while the caller folds them.
void ReadInParts(OpenedFile& f, const PlainFile& file, const Config& config,
                 const ReadOverrides& overrides, RecordSink& sink,
                 const std::function<void(const Reject&)>& on_reject,
                 std::vector<PartResult>& results) {
  const std::int64_t data_start = f.reader->next_offset() + (file.utf8_bom ? 3 : 0);
  const std::int64_t part_bytes = std::max<std::int64_t>(overrides.part_bytes, 1);
  const auto parts =
      static_cast<std::size_t>((file.size - data_start + part_bytes - 1) / part_bytes);
  auto limit_of = [&](std::size_t k) {
    return k + 1 == parts ? file.size : data_start + static_cast<std::int64_t>(k + 1) * part_bytes;
  };
  const std::size_t workers = static_cast<std::size_t>(overrides.threads);
  const std::size_t slots = kSlotsPerThread * workers;
  if (results.size() < slots) results.resize(slots);
  for (auto& r : results) r.ready = false;
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t folded = 0;
  bool stop = false;
  std::atomic<std::size_t> next{0};

  auto work = [&] {
    for (;;) {
      const std::size_t k = next.fetch_add(1);
      if (k >= parts) return;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || k < folded + slots; });
        if (stop) return;
      }
      PartResult& r = results[k % slots];
      try {
        const std::int64_t nominal = data_start + static_cast<std::int64_t>(k) * part_bytes;
        const std::int64_t start =
            k == 0 ? data_start : GuessRecordStart(f.path, nominal, f.reader->delimiter());
        if (start < 0) {
          r.start = -1;
        } else {
          MapPart(f, config, overrides, start, limit_of(k), 1, r);
        }
      } catch (...) {
        r.error = std::current_exception();  // the caller maps the part again and sees
      }
      std::lock_guard lock(mutex);
      r.index = k;
      r.ready = true;
      changed.notify_all();
    }
  };
  std::vector<std::thread> threads;
  auto finish = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
      changed.notify_all();
    }
    for (auto& t : threads) t.join();
    threads.clear();
  };
  try {
    for (std::size_t w = 0; w < workers; ++w) threads.emplace_back(work);
    std::int64_t expected = data_start;
    std::int64_t line = f.reader->next_line();
    for (std::size_t k = 0; k < parts; ++k) {
      PartResult& r = results[k % slots];
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return r.ready && r.index == k; });
      }
      std::int64_t shift = line - 1;
      if (r.error || r.start != expected) {
        // A wrong guess, or a failure: map it again from the true start, counting
        // lines as they are; an error now is the file's.
        try {
          MapPart(f, config, overrides, expected, limit_of(k), line, r);
        } catch (...) {
          r.batch.Replay(sink, on_reject, {},
                         overrides.activity_details);  // the rows before the error
          throw;
        }
        shift = 0;
      }
      r.batch.Replay(sink, on_reject, {}, overrides.activity_details, shift);
      MergePart(f.stats, r.stats, shift);
      if (overrides.progress) overrides.progress({&f.name, r.end, f.stats.rows, false});
      expected = r.end;
      line += r.lines;
      std::lock_guard lock(mutex);
      r.ready = false;
      ++folded;
      changed.notify_all();
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

}  // namespace

std::int64_t GuessLineStart(std::string_view bytes, char delimiter, bool last) {
  // A reading of the bytes under one assumption: where it is, where its first
  // line starts (after the first byte), whether the bytes contradict it.
  enum class At : std::uint8_t { kField, kUnquoted, kQuoted, kQuoteInQuoted, kDead };
  struct Reading {
    At at;
    std::int64_t start = -1;
    bool after_cr = false;
  };
  Reading readings[2] = {{At::kUnquoted}, {At::kQuoted}};  // outside quotes; inside
  const auto line_start = [](Reading& r, std::int64_t i) {
    if (r.start < 0 && i > 0) r.start = i;
  };
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    const auto pos = static_cast<std::int64_t>(i);
    for (Reading& r : readings) {
      if (r.after_cr) {
        r.after_cr = false;
        if (c != '\n') line_start(r, pos);  // a lone CR ended the line
      }
      switch (r.at) {
        case At::kQuoted:
          if (c == '"') r.at = At::kQuoteInQuoted;
          continue;
        case At::kQuoteInQuoted:
          if (c == '"') {
            r.at = At::kQuoted;  // an escaped quote
            continue;
          }
          if (c != delimiter && c != '\n' && c != '\r') {
            r.at = At::kDead;  // text after a closing quote
            continue;
          }
          break;
        case At::kField:
          if (c == '"') {
            r.at = At::kQuoted;
            continue;
          }
          break;
        case At::kUnquoted:
          if (c == '"') {
            r.at = At::kDead;  // a quote inside an unquoted field
            continue;
          }
          break;
        case At::kDead:
          continue;
      }
      // Outside quotes: a delimiter, a line end or a byte of an unquoted field.
      if (c == delimiter) {
        r.at = At::kField;
      } else if (c == '\n') {
        r.at = At::kField;
        line_start(r, pos + 1);
      } else if (c == '\r') {
        r.at = At::kField;
        r.after_cr = true;
      } else {
        r.at = At::kUnquoted;
      }
    }
    const Reading& outside = readings[0];
    const Reading& inside = readings[1];
    const bool outside_dead = outside.at == At::kDead, inside_dead = inside.at == At::kDead;
    if (outside_dead && inside_dead) break;
    if (outside_dead && inside.start >= 0) return inside.start;
    if (inside_dead && outside.start >= 0) return outside.start;
    if (outside.start >= 0 && outside.start == inside.start) return outside.start;
  }
  const bool outside_dead = readings[0].at == At::kDead, inside_dead = readings[1].at == At::kDead;
  // One reading stands, with no line start yet.
  if (outside_dead != inside_dead) return last ? -1 : kGuessNeedsMore;
  if (!outside_dead && !last) return kGuessNeedsMore;  // more bytes may decide
  // Both readings contradicted, or both stand to the end of the bytes: the first
  // line end, quotes aside.
  bool after_cr = false;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (after_cr && bytes[i] != '\n') return static_cast<std::int64_t>(i);
    after_cr = bytes[i] == '\r';
    if (bytes[i] == '\n') return static_cast<std::int64_t>(i) + 1;
  }
  return last ? -1 : kGuessNeedsMore;
}

std::vector<FileStats> ReadInputs(const std::vector<InputSpec>& inputs, const Config& config,
                                  const ReadOverrides& overrides, RecordSink& sink,
                                  const std::function<void(const Reject&)>& on_reject) {
  if (overrides.threads <= 1) return ReadOnThisThread(inputs, config, overrides, sink, on_reject);
  auto batches = std::make_unique<Batches>();
  return ReadEach(inputs, config, overrides, sink, [&](OpenedFile& f, std::string* currency) {
    if (auto file = Splittable(f, overrides)) {
      ReadInParts(f, *file, config, overrides, sink, on_reject, batches->parts);
      return file->size;
    }
    ReadBehind(f, config, overrides, sink, on_reject, currency, batches->behind);
    return f.reader->bytes_read();
  });
}

}  // namespace baton
