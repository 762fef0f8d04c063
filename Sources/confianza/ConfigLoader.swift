import Configuration
import Conversation
import Engine
import Foundation
import Gateways
import SQLiteStore
import SystemPackage
import TrustCore
import WebServer

/// A configuration value that is present but wrong: start-up stops and names the key.
struct ConfigError: Error, CustomStringConvertible {
    var key: String
    var problem: String
    var description: String {
        "invalid configuration: \(key) (env CONFIANZA_\(key.uppercased().replacingOccurrences(of: ".", with: "_"))): \(problem)"
    }
}

/// Reads `config/confianza.yaml` (or `--config FILE`) with `CONFIANZA_*` environment variables
/// taking precedence, into a plain `AppConfig`. Every key has a default except gateway secrets,
/// which disable their gateway when unset.
struct ConfigLoader {
    let reader: ConfigReader

    /// - Parameters:
    ///   - file: YAML file; nil uses `config/confianza.yaml` when present.
    ///   - environment: process environment.
    static func make(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> ConfigLoader {
        let prefix = "CONFIANZA_"
        let stripped = Dictionary(
            environment.compactMap { key, value in key.hasPrefix(prefix) ? (String(key.dropFirst(prefix.count)), value) : nil },
            uniquingKeysWith: { first, _ in first })
        var providers: [any ConfigProvider] = [EnvironmentVariablesProvider(environmentVariables: stripped)]
        let path = file ?? "config/confianza.yaml"
        if FileManager.default.fileExists(atPath: path) {
            providers.append(try await FileProvider<YAMLSnapshot>(filePath: FilePath(path)))
        } else if file != nil {
            throw ConfigError(key: "--config", problem: "file \(path) not found")
        }
        return ConfigLoader(reader: ConfigReader(providers: providers))
    }

    func string(_ key: String, _ fallback: String) -> String { reader.string(forKey: ConfigKey(key), default: fallback) }

    func optionalString(_ key: String) -> String? {
        guard let value = reader.string(forKey: ConfigKey(key)), !value.isEmpty else { return nil }
        return value
    }

    func int(_ key: String, _ fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        if let value = reader.int(forKey: ConfigKey(key)) {
            guard range.contains(value) else { throw ConfigError(key: key, problem: "\(value) is outside \(range)") }
            return value
        }
        if let text = reader.string(forKey: ConfigKey(key)) { throw ConfigError(key: key, problem: "`\(text)` is not a whole number") }
        return fallback
    }

    func double(_ key: String, _ fallback: Double, in range: ClosedRange<Double>) throws -> Double {
        if let value = reader.double(forKey: ConfigKey(key)) ?? reader.int(forKey: ConfigKey(key)).map(Double.init) {
            guard range.contains(value) else { throw ConfigError(key: key, problem: "\(value) is outside \(range)") }
            return value
        }
        if let text = reader.string(forKey: ConfigKey(key)) { throw ConfigError(key: key, problem: "`\(text)` is not a number") }
        return fallback
    }

    /// Builds the application configuration, validating every value.
    /// - Parameter database: `--database` flag, which wins over file and environment.
    func appConfig(database: String?) throws -> AppConfig {
        var config = AppConfig()
        config.host = string("server.host", config.host)
        config.port = try int("server.port", config.port, in: 0...65535)
        config.publicURL = string("server.public_url", "http://\(config.host):\(config.port)")
        config.database = database ?? string("database", config.database)
        guard config.database.hasPrefix("sqlite:") || config.database.hasPrefix("postgres://") || config.database.hasPrefix("postgresql://") else {
            throw ConfigError(key: "database", problem: "expected sqlite:PATH or postgres://…")
        }
        config.defaultCountry = string("phones.default_country", config.defaultCountry)
        guard config.defaultCountry.hasPrefix("+"), config.defaultCountry.dropFirst().allSatisfy(\.isNumber) else {
            throw ConfigError(key: "phones.default_country", problem: "expected + and digits, e.g. +51")
        }
        config.messagesDirectory = string("messages.directory", config.messagesDirectory)
        config.logFormat = string("log.format", config.logFormat)
        guard ["text", "json"].contains(config.logFormat) else { throw ConfigError(key: "log.format", problem: "expected text or json") }
        config.logLevel = string("log.level", config.logLevel)
        config.floodLimitPerMinute = try int("limits.flood_per_minute", config.floodLimitPerMinute, in: 1...10_000)
        config.readyOutboxAge = Double(try int("limits.ready_outbox_age_seconds", Int(config.readyOutboxAge), in: 10...86_400))
        config.webhookDeadline = try double("limits.webhook_deadline_seconds", config.webhookDeadline, in: 0.01...300)
        config.conversation = BotSettings(
            flowLifetime: Double(try int("conversation.flow_minutes", 30, in: 1...1440)) * 60,
            promptLifetime: Double(try int("conversation.prompt_hours", 72, in: 1...720)) * 3600,
            correctionWindow: Double(try int("conversation.correction_minutes", 30, in: 1...1440)) * 60)
        config.outbox = OutboxSettings(
            batchSize: try int("outbox.batch_size", 16, in: 1...1000),
            lease: Double(try int("outbox.lease_seconds", 120, in: 5...86_400)),
            pollInterval: try double("outbox.poll_seconds", 0.25, in: 0.01...60),
            maxAttempts: try int("outbox.max_attempts", 8, in: 1...100),
            backoffBase: try double("outbox.backoff_base_seconds", 5, in: 0.01...3600),
            backoffMax: try double("outbox.backoff_max_seconds", 3600, in: 1...604_800),
            ratePerSecond: try double("outbox.rate_per_second", 0, in: 0...10_000),
            concurrency: try int("outbox.concurrency", 4, in: 1...64))
        config.indicators = try indicatorSettings()
        // REDES/ESTADO and SOCIO read the same indicator settings and phone country as the rest.
        config.conversation.indicators = config.indicators
        config.conversation.defaultCountry = config.defaultCountry
        config.schedule = try scheduleSettings(promptLifetime: config.conversation.promptLifetime)
        try gateways(into: &config)
        return config
    }

    private func indicatorSettings() throws -> IndicatorSettings {
        var settings = IndicatorSettings()
        settings.minimumCoverage = try int("indicators.minimum_coverage", settings.minimumCoverage, in: 1...12)
        settings.yellowFrom = try double("indicators.yellow_from", settings.yellowFrom, in: 0...100)
        settings.greenFrom = try double("indicators.green_from", settings.greenFrom, in: 0...100)
        settings.regularAttendanceThreshold = try double(
            "indicators.regular_attendance_threshold", settings.regularAttendanceThreshold, in: 0...1)
        settings.regularAttendanceMeetings = try int("indicators.regular_attendance_meetings", settings.regularAttendanceMeetings, in: 1...52)
        settings.alerts.indexDropPoints = try int("indicators.alerts.index_drop_points", settings.alerts.indexDropPoints, in: 1...100)
        settings.alerts.attendanceFloor = try double("indicators.alerts.attendance_floor", settings.alerts.attendanceFloor, in: 0...1)
        settings.alerts.noReportWeeks = try int("indicators.alerts.no_report_weeks", settings.alerts.noReportWeeks, in: 1...52)
        for id in IndicatorID.allCases {
            let code = id.code.lowercased()
            settings.weights[id] = try double("indicators.weights.\(code)", settings.weight(for: id), in: 0...100)
            settings.targets[id] = try double("indicators.targets.\(code)", settings.target(for: id), in: 0.01...100)
        }
        if let problem = settings.problem { throw ConfigError(key: "indicators", problem: problem) }
        return settings
    }

    private func dayTime(_ key: String, _ fallback: DayTime) throws -> DayTime {
        guard let text = optionalString(key) else { return fallback }
        guard let value = DayTime(parsing: text), value.isValid else { throw ConfigError(key: key, problem: "`\(text)` is not a time like 08:00") }
        return value
    }

    private func bool(_ key: String, _ fallback: Bool) throws -> Bool {
        if let value = reader.bool(forKey: ConfigKey(key)) { return value }
        if let text = reader.string(forKey: ConfigKey(key)) { throw ConfigError(key: key, problem: "`\(text)` is not true or false") }
        return fallback
    }

    private func scheduleSettings(promptLifetime: TimeInterval) throws -> ScheduleSettings {
        let defaults = ScheduleSettings()
        let settings = ScheduleSettings(
            weekday: try int("schedule.weekday", defaults.weekday, in: 1...7),
            time: try dayTime("schedule.time", defaults.time),
            catchUpLimit: Double(try int("schedule.catch_up_hours", Int(defaults.catchUpLimit / 3600), in: 0...720)) * 3600,
            quietFrom: try dayTime("schedule.quiet_from", defaults.quietFrom),
            quietUntil: try dayTime("schedule.quiet_until", defaults.quietUntil),
            weeklyCap: try int("schedule.weekly_cap", defaults.weeklyCap, in: 0...1000),
            tick: Double(try int("schedule.tick_seconds", Int(defaults.tick), in: 1...3600)),
            nudgeAfter: Double(try int("schedule.nudge_after_hours", Int(defaults.nudgeAfter / 3600), in: 1...720)) * 3600,
            promptLifetime: promptLifetime,
            digests: try bool("schedule.digests", defaults.digests),
            reminders: try bool("schedule.reminders", defaults.reminders))
        if let problem = settings.problem { throw ConfigError(key: "schedule", problem: problem) }
        return settings
    }

    private func gateways(into config: inout AppConfig) throws {
        config.outboundGateway = string("gateways.outbound", config.outboundGateway)
        let known = ["console", "twilio", "kannel", "android", "generic"]
        guard known.contains(config.outboundGateway) else {
            throw ConfigError(key: "gateways.outbound", problem: "expected one of \(known.joined(separator: ", "))")
        }
        if let token = optionalString("gateways.twilio.auth_token") {
            config.twilio = TwilioConfig(
                accountSID: string("gateways.twilio.account_sid", ""), authToken: token, from: string("gateways.twilio.from", ""),
                apiBaseURL: string("gateways.twilio.api_base_url", "https://api.twilio.com"),
                statusCallbackURL: config.publicBase + "/webhooks/twilio/status")
        }
        if let secret = optionalString("gateways.kannel.secret") {
            config.kannel = KannelConfig(
                secret: secret, sendsmsURL: string("gateways.kannel.sendsms_url", "http://127.0.0.1:13013/cgi-bin/sendsms"),
                username: string("gateways.kannel.username", ""), password: string("gateways.kannel.password", ""),
                from: optionalString("gateways.kannel.from"),
                statusURL: config.publicBase + "/webhooks/kannel/status")
        }
        if let key = optionalString("gateways.android.signing_key") {
            config.android = AndroidConfig(
                url: string("gateways.android.url", "https://api.sms-gate.app/3rdparty/v1"), username: string("gateways.android.username", ""),
                password: string("gateways.android.password", ""), signingKey: key)
        }
        if let secret = optionalString("gateways.generic.secret") {
            config.generic = GenericConfig(
                secret: secret, outboundURL: string("gateways.generic.outbound_url", ""),
                outboundSecret: optionalString("gateways.generic.outbound_secret") ?? secret, defaultCountry: config.defaultCountry)
        }
        let enabled: [String: Bool] = [
            "console": true, "twilio": config.twilio != nil, "kannel": config.kannel != nil, "android": config.android != nil,
            "generic": config.generic != nil && !(config.generic?.outboundURL.isEmpty ?? true),
        ]
        guard enabled[config.outboundGateway] == true else {
            throw ConfigError(key: "gateways.outbound", problem: "\(config.outboundGateway) is selected but its settings (secret/URL) are not set")
        }
    }
}
