import Engine
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import TrustCore

/// What the dashboard keeps per login: the user, the CSRF token of its forms and a language choice.
public struct DashboardSession: Codable, Sendable, Equatable {
    /// The logged-in user.
    public var userID: RowID
    /// Every form of this session carries it; a POST without it is refused.
    public var csrf: String
    /// Language chosen with `?lang=`, overriding the user's setting.
    public var language: String?

    /// - Parameters:
    ///   - userID: the user.
    ///   - csrf: the form token.
    ///   - language: chosen language.
    public init(userID: RowID, csrf: String, language: String? = nil) {
        self.userID = userID
        self.csrf = csrf
        self.language = language
    }
}

/// A logged-in dashboard user and the networks they may see.
public struct DashboardViewer: Sendable {
    /// The user.
    public var user: DashboardUser
    /// Networks an articulador follows; nil for admins and staff, who see all.
    public var networkIDs: Set<RowID>?

    /// Whether the viewer may open a network.
    public func canSee(_ networkID: RowID) -> Bool { networkIDs?.contains(networkID) ?? true }

    /// Admins and staff run the programme; articuladores follow networks.
    public var isStaff: Bool { user.role != .articulador }

    /// Only admins read message texts.
    public var readsTexts: Bool { user.role == .admin }
}

/// The request context of dashboard routes: hummingbird-auth's session and identity on top of the basic one.
public struct DashboardContext: ChildRequestContext, AuthRequestContext, SessionRequestContext {
    public typealias ParentContext = BasicRequestContext
    public var coreContext: CoreRequestContextStorage
    public var identity: DashboardViewer?
    public let sessions: SessionContext<DashboardSession>

    /// - Parameter context: the router's context.
    public init(context: BasicRequestContext) throws {
        self.coreContext = context.coreContext
        self.identity = nil
        self.sessions = SessionContext()
    }
}

/// The request context of API routes: the bearer token's name as identity.
public struct ApiContext: ChildRequestContext, AuthRequestContext {
    public typealias ParentContext = BasicRequestContext
    public var coreContext: CoreRequestContextStorage
    public var identity: APIToken?

    /// - Parameter context: the router's context.
    public init(context: BasicRequestContext) throws {
        self.coreContext = context.coreContext
        self.identity = nil
    }
}
