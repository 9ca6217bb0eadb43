// ReadInputs with threads ≥ 2: a reader thread scans the files and maps their rows
// into records (ReadOnThisThread), handing them over in batches, while the calling
// thread folds them into the sink. The sink, on_reject and progress are called only
// on the calling thread and in the order the reader produced them, so the answer,
// the rejects and their order are those of a single-threaded read.
//
// Batches are recycled: a batch keeps its records (and their strings' capacity), so
// after the first few batches copying a record into one allocates nothing. At most
// kBatches are in flight, which bounds the memory the hand-over adds.
#include "ingest/pipeline.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace baton {
namespace {

constexpr std::size_t kBatchEvents = 4096;
constexpr std::size_t kBatches = 4;

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
};

enum class Event : std::uint8_t {
  kPerson,
  kOpportunity,
  kStageChange,
  kLink,
  kActivity,
  kCampaignMember,
  kCampaign,
  kSpend,
  kCurrency,
  kReject,
  kProgress,
};

struct Batch {
  std::vector<Event> order;
  Slab<PersonRecord> people;
  Slab<OpportunityRecord> opportunities;
  Slab<StageChangeRecord> changes;
  Slab<LinkRecord> links;
  Slab<ActivityRecord> activities;
  Slab<CampaignMemberRecord> members;
  Slab<CampaignRecord> campaigns;
  Slab<SpendRecord> spend;
  Slab<Reject> rejects;
  Slab<ReadProgress> progress;
  std::string currency;

  void Clear() {
    order.clear();
    people.used = opportunities.used = changes.used = links.used = activities.used = 0;
    members.used = campaigns.used = spend.used = rejects.used = progress.used = 0;
  }

  // Calls the sink, on_reject and progress for every event, in order. The person
  // keys of the event kAhead places ahead are handed to the sink's Prefetch first.
  void Replay(RecordSink& sink, const std::function<void(const Reject&)>& on_reject,
              const std::function<void(const ReadProgress&)>& on_progress) const {
    constexpr std::size_t kAhead = 16;
    std::size_t n[11] = {};
    std::size_t ahead[11] = {};
    auto hint = [&](Event e) {
      std::size_t& i = ahead[static_cast<int>(e)];
      if (e == Event::kPerson) {
        for (const auto& key : people.items[i].keys) sink.Prefetch(key);
      } else if (e == Event::kActivity && !activities.items[i].person_key.empty()) {
        sink.Prefetch(activities.items[i].person_key);
      }
      ++i;
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
        case Event::kCampaignMember:
          sink.CampaignMember(members.items[i++]);
          break;
        case Event::kCampaign:
          sink.Campaign(campaigns.items[i++]);
          break;
        case Event::kSpend:
          sink.Spend(spend.items[i++]);
          break;
        case Event::kCurrency:
          sink.ReportCurrency(currency);
          break;
        case Event::kReject:
          on_reject(rejects.items[i++]);
          break;
        case Event::kProgress:
          if (on_progress) on_progress(progress.items[i]);
          ++i;
          break;
      }
    }
  }
};

// Thrown on the reader thread when the folding side has failed and stopped.
struct Stopped {};

// The hand-over: full batches in order from the reader, empty ones back to it.
class Queue {
 public:
  Queue() {
    for (auto& b : storage_) empty_.push_back(&b);
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
  Batch storage_[kBatches];
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Batch*> empty_;
  std::deque<Batch*> full_;
  bool closed_ = false, stopped_ = false;
  std::exception_ptr error_;
};

// The reader thread's sink: copies every record into the current batch.
class BatchSink : public RecordSink {
 public:
  explicit BatchSink(Queue& queue) : queue_(queue), batch_(queue.TakeEmpty()) {}

  void Person(const PersonRecord& r) override { Add(Event::kPerson, batch_->people, r); }
  void Opportunity(const OpportunityRecord& r) override {
    Add(Event::kOpportunity, batch_->opportunities, r);
  }
  void StageChange(const StageChangeRecord& r) override {
    Add(Event::kStageChange, batch_->changes, r);
  }
  void Link(const LinkRecord& r) override { Add(Event::kLink, batch_->links, r); }
  void Activity(const ActivityRecord& r) override { Add(Event::kActivity, batch_->activities, r); }
  void CampaignMember(const CampaignMemberRecord& r) override {
    Add(Event::kCampaignMember, batch_->members, r);
  }
  void Campaign(const CampaignRecord& r) override { Add(Event::kCampaign, batch_->campaigns, r); }
  void Spend(const SpendRecord& r) override { Add(Event::kSpend, batch_->spend, r); }
  void ReportCurrency(std::string_view currency) override {
    batch_->currency = std::string(currency);
    batch_->order.push_back(Event::kCurrency);
    Flush();  // the last event of a read
  }
  void Reject(const baton::Reject& r) { Add(Event::kReject, batch_->rejects, r); }
  // The file name is copied to storage that outlives the reader's loop.
  void Progress(const ReadProgress& p) {
    if (names_.empty() || names_.back() != *p.file) names_.push_back(*p.file);
    ReadProgress copy = p;
    copy.file = &names_.back();
    Add(Event::kProgress, batch_->progress, copy);
  }
  void Flush() {
    if (batch_ == nullptr || batch_->order.empty()) return;
    queue_.PushFull(batch_);
    batch_ = nullptr;
    batch_ = queue_.TakeEmpty();
  }

 private:
  template <class T>
  void Add(Event e, Slab<T>& slab, const T& r) {
    slab.Add(r);
    batch_->order.push_back(e);
    if (batch_->order.size() >= kBatchEvents) Flush();
  }

  Queue& queue_;
  Batch* batch_;
  std::deque<std::string> names_;  // never erased: the folding side may still point here
};

}  // namespace

std::vector<FileStats> ReadInputs(const std::vector<InputSpec>& inputs, const Config& config,
                                  const ReadOverrides& overrides, RecordSink& sink,
                                  const std::function<void(const Reject&)>& on_reject) {
  if (overrides.threads <= 1) return ReadOnThisThread(inputs, config, overrides, sink, on_reject);

  Queue queue;
  std::vector<FileStats> stats;
  std::deque<std::string> names;
  std::thread reader([&] {
    std::exception_ptr error;
    BatchSink batches(queue);
    try {
      ReadOverrides own = overrides;
      if (overrides.progress) own.progress = [&](const ReadProgress& p) { batches.Progress(p); };
      stats = ReadOnThisThread(inputs, config, own, batches,
                               [&](const Reject& r) { batches.Reject(r); });
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
      batch->Replay(sink, on_reject, overrides.progress);
      queue.GiveBack(batch);
    }
  } catch (...) {
    queue.Stop();
    reader.join();
    throw;
  }
  reader.join();
  if (auto error = queue.error()) std::rethrow_exception(error);
  return stats;
}

}  // namespace baton
