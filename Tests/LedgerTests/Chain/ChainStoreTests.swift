import SimCore
import Testing

@testable import Ledger

struct ChainStoreTests {
  static let signer = LedgerFixtures.keys[3]
  static let genesis: Block = {
    var work = Work.zero
    return Block.makeGenesis(proposer: NodeID(0), signer: signer, work: &work)
  }()

  /// A child of `parent` made by `proposer`; different proposers give different blocks at the
  /// same height (forks).
  static func child(of parent: Block, by proposer: Int, _ transactions: [Transaction] = [])
    -> Block
  {
    var work = Work.zero
    return Block.make(
      on: parent, transactions: transactions,
      timestamp: parent.header.timestamp + .nanoseconds(Int64(1 + proposer)),
      proposer: NodeID(proposer), signer: signer, work: &work)
  }

  @Test func linearChainAdvancesTheHead() throws {
    var chain = ChainStore(genesis: Self.genesis)
    let b1 = Self.child(of: Self.genesis, by: 1)
    let b2 = Self.child(of: b1, by: 1)
    let first = try chain.add(b1)
    #expect(first.status == .connected && first.connected == [b1.hash])
    #expect(
      first.headChange
        == HeadChange(
          previousHead: Self.genesis.hash, newHead: b1.hash, forkHeight: 0, retracted: [],
          adopted: [b1.hash]))
    _ = try chain.add(b2)
    #expect(chain.head == b2 && chain.height == 2 && chain.blockCount == 3)
    #expect(chain.staleBlockCount == 0)
    #expect(chain.mainChainBlock(atHeight: 1) == b1 && chain.mainChainBlock(atHeight: 3) == nil)
    #expect(chain.genesis == Self.genesis)
    chain.checkInvariants()
  }

  /// Two blocks at height 1: the first attached stays head, the second is stale.
  @Test func equalHeightKeepsTheFirstSeenHead() throws {
    var chain = ChainStore(genesis: Self.genesis)
    let a1 = Self.child(of: Self.genesis, by: 1)
    let b1 = Self.child(of: Self.genesis, by: 2)
    _ = try chain.add(a1)
    let update = try chain.add(b1)
    #expect(update.status == .connected && update.headChange == nil)
    #expect(chain.head == a1 && chain.staleBlockCount == 1)
    #expect(chain.children(of: Self.genesis.hash) == [a1.hash, b1.hash])
    #expect(chain.isOnMainChain(a1.hash) && !chain.isOnMainChain(b1.hash))
    chain.checkInvariants()

    // The same two blocks in the other order: the other one wins.
    var other = ChainStore(genesis: Self.genesis)
    _ = try other.add(b1)
    _ = try other.add(a1)
    #expect(other.head == b1)
  }

  /// Hand-built fork from genesis: a1 ← a2 and b1 ← b2 ← b3. While b2 only ties a2 the head
  /// stays a2; b3 makes the b branch longer, so the head moves there: a2 and a1 are retracted
  /// (head first), b1, b2, b3 adopted (bottom first), the fork point is genesis (height 0)
  /// and the a blocks become the 2 stale blocks.
  @Test func longerForkReorganisesTheChain() throws {
    var chain = ChainStore(genesis: Self.genesis)
    let a1 = Self.child(of: Self.genesis, by: 1)
    let a2 = Self.child(of: a1, by: 1)
    let b1 = Self.child(of: Self.genesis, by: 2)
    let b2 = Self.child(of: b1, by: 2)
    let b3 = Self.child(of: b2, by: 2)
    for block in [a1, a2, b1, b2] { _ = try chain.add(block) }
    #expect(chain.head == a2 && chain.staleBlockCount == 2)
    let update = try chain.add(b3)
    let change = try #require(update.headChange)
    #expect(change.isReorganisation)
    #expect(
      change
        == HeadChange(
          previousHead: a2.hash, newHead: b3.hash, forkHeight: 0, retracted: [a2.hash, a1.hash],
          adopted: [b1.hash, b2.hash, b3.hash]))
    #expect(chain.head == b3 && chain.height == 3 && chain.staleBlockCount == 2)
    #expect(!chain.isOnMainChain(a1.hash) && chain.isOnMainChain(b1.hash))
    #expect(chain.mainChainBlock(atHeight: 2) == b2)
    chain.checkInvariants()
  }

  /// A transaction in a1 of the chain a1 ← a2 ← a3 has 3 confirmations (Bitcoin counting:
  /// the including block is the first). A longer fork without it leaves it unconfirmed; a
  /// longer fork that includes it at height 2 gives it head − 2 + 1 confirmations.
  @Test func confirmationDepthFollowsTheMainChain() throws {
    let transaction = LedgerFixtures.unsignedCommitment(client: 4)
    var chain = ChainStore(genesis: Self.genesis)
    let a1 = Self.child(of: Self.genesis, by: 1, [transaction])
    let a2 = Self.child(of: a1, by: 1)
    let a3 = Self.child(of: a2, by: 1)
    _ = try chain.add(a1)
    #expect(chain.confirmations(of: transaction.id) == 1)
    _ = try chain.add(a2)
    _ = try chain.add(a3)
    #expect(chain.confirmations(of: transaction.id) == 3)
    #expect(chain.isConfirmed(transaction.id, depth: 3))
    #expect(!chain.isConfirmed(transaction.id, depth: 4))
    #expect(chain.mainChainBlock(containing: transaction.id) == a1)

    let b1 = Self.child(of: Self.genesis, by: 2)
    let b2 = Self.child(of: b1, by: 2, [transaction])
    let b3 = Self.child(of: b2, by: 2)
    let b4 = Self.child(of: b3, by: 2)
    for block in [b1, b2, b3] { _ = try chain.add(block) }
    #expect(chain.head == a3 && chain.confirmations(of: transaction.id) == 3)
    _ = try chain.add(b4)
    #expect(chain.head == b4 && chain.confirmations(of: transaction.id) == 3)
    #expect(chain.mainChainBlock(containing: transaction.id) == b2)

    let stranger = LedgerFixtures.unsignedCommitment(client: 5)
    #expect(chain.confirmations(of: stranger.id) == 0)
    chain.checkInvariants()
  }

  /// b2 arrives before its parent b1: it waits, then both attach when b1 arrives.
  @Test func orphansAttachWhenTheirParentArrives() throws {
    var chain = ChainStore(genesis: Self.genesis)
    let b1 = Self.child(of: Self.genesis, by: 1)
    let b2 = Self.child(of: b1, by: 1)
    let b3 = Self.child(of: b2, by: 1)
    #expect(try chain.add(b3).status == .orphaned)
    #expect(try chain.add(b2).status == .orphaned)
    #expect(chain.orphanCount == 2 && chain.isOrphan(b2.hash) && !chain.contains(b2.hash))
    #expect(try chain.add(b3).status == .duplicate)
    let update = try chain.add(b1)
    #expect(update.connected == [b1.hash, b2.hash, b3.hash])
    #expect(update.headChange?.adopted == [b1.hash, b2.hash, b3.hash])
    #expect(chain.head == b3 && chain.orphanCount == 0)
    chain.checkInvariants()
  }

  /// An orphan claiming height 5 on top of b1 (height 1) is dropped when b1 arrives, with the
  /// orphan waiting for it.
  @Test func orphansWithTheWrongHeightAreDiscarded() throws {
    var chain = ChainStore(genesis: Self.genesis)
    let b1 = Self.child(of: Self.genesis, by: 1)
    var header = Self.child(of: b1, by: 1).header
    header.height = 5
    var work = Work.zero
    let liar = Block.signed(header: header, transactions: [], signer: Self.signer, work: &work)
    let liarsChild = Self.child(of: liar, by: 1)
    _ = try chain.add(liar)
    _ = try chain.add(liarsChild)
    let update = try chain.add(b1)
    #expect(update.connected == [b1.hash])
    #expect(update.discardedOrphans == [liar.hash, liarsChild.hash])
    #expect(chain.orphanCount == 0 && chain.head == b1)
    chain.checkInvariants()
  }

  @Test func duplicatesAndBadHeightsChangeNothing() throws {
    var chain = ChainStore(genesis: Self.genesis)
    let b1 = Self.child(of: Self.genesis, by: 1)
    _ = try chain.add(b1)
    #expect(try chain.add(b1) == ChainUpdate(status: .duplicate))
    #expect(try chain.add(Self.genesis).status == .duplicate)
    var header = Self.child(of: b1, by: 1).header
    header.height = 7
    var work = Work.zero
    let liar = Block.signed(header: header, transactions: [], signer: Self.signer, work: &work)
    #expect(throws: LedgerError.heightMismatch(block: liar.hash, expected: 2, found: 7)) {
      try chain.add(liar)
    }
    #expect(chain.blockCount == 2 && chain.head == b1)
    chain.checkInvariants()
  }
}
