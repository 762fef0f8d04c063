import Foundation
import TrustCore

/// Applies `RecordChange`s to the memory tables with the same rules as the SQL stores.
struct MemoryRecordApplier {
    var tables: MemoryTables

    mutating func apply(_ change: RecordChange) throws -> RecordRef? {
        switch change {
        case .reportContribution(let networkID, let memberID, let amount, let on, let status):
            let id = tables.newID()
            tables.contributions[id] = Contribution(
                id: id, networkID: networkID, memberID: memberID, amount: amount, reportedOn: on, status: status,
                decidedOn: status == .pending ? nil : on)
            return .contribution(id)
        case .decideContribution(let id, let status, let on):
            guard var contribution = tables.contributions[id] else { throw MemoryStoreError(description: "no contribution \(id)") }
            contribution.status = status
            contribution.decidedOn = on
            tables.contributions[id] = contribution
            return nil
        case .registerMeeting(let networkID, let kind, let date, let registeredBy, let present):
            let id = tables.newID()
            tables.meetings[id] = Meeting(id: id, networkID: networkID, kind: kind, date: date, hasList: present != nil, registeredBy: registeredBy)
            if let present {
                let attending = Set(present)
                for member in tables.members.values where member.networkID == networkID && member.role.isMember && member.active {
                    let mark = Attendance(meetingID: id, memberID: member.id, present: attending.contains(member.id), source: .list)
                    tables.attendance["\(id)\u{0}\(member.id)"] = mark
                }
            }
            return .meeting(id)
        case .markAttendance(let meetingID, let memberID, let present, let source):
            tables.attendance["\(meetingID)\u{0}\(memberID)"] = Attendance(meetingID: meetingID, memberID: memberID, present: present, source: source)
            return .attendance(meetingID: meetingID, memberID: memberID)
        case .rate(let rating):
            let id = tables.newID()
            tables.ratings[id] = rating
            return .rating(id)
        case .planEvent(let networkID, let title, let plannedOn):
            let id = tables.newID()
            let number = (tables.events.values.filter { $0.networkID == networkID }.map(\.number).max() ?? 0) + 1
            tables.events[id] = SocialEvent(id: id, networkID: networkID, number: number, title: title, plannedOn: plannedOn)
            return .event(id)
        case .closeEvent(let networkID, let number, let heldOn, let attendees):
            guard var event = tables.events.values.first(where: { $0.networkID == networkID && $0.number == number }) else {
                throw MemoryStoreError(description: "no event \(number)")
            }
            event.heldOn = heldOn
            event.attendees = attendees
            tables.events[event.id] = event
            return .event(event.id)
        case .startProject(let networkID, let title, let totalCost, let ownShare, let startedOn):
            let id = tables.newID()
            let number = (tables.projects.values.filter { $0.networkID == networkID }.map(\.number).max() ?? 0) + 1
            tables.projects[id] = JointProject(
                id: id, networkID: networkID, number: number, title: title, totalCost: totalCost, ownShare: ownShare, startedOn: startedOn)
            return .project(id)
        case .closeProject(let networkID, let number, let closedOn):
            guard var project = tables.projects.values.first(where: { $0.networkID == networkID && $0.number == number }) else {
                throw MemoryStoreError(description: "no project \(number)")
            }
            project.closedOn = closedOn
            tables.projects[project.id] = project
            return nil
        case .startPlan(let networkID, let on):
            tables.networks[networkID]?.planStartedOn = on
            return .plan(networkID: networkID)
        case .setStage(let networkID, let stage):
            tables.networks[networkID]?.stageOverride = stage
            return nil
        case .setOptOut(let phone, let optedOut):
            for (id, member) in tables.members where member.phone == phone { tables.members[id]?.optedOut = optedOut }
            return nil
        case .setLanguage(let phone, let language):
            for (id, member) in tables.members where member.phone == phone { tables.members[id]?.language = language }
            return nil
        case .undo(let ref):
            undo(ref)
            return nil
        }
    }

    private mutating func undo(_ ref: RecordRef) {
        switch ref {
        case .contribution(let id): tables.contributions[id] = nil
        case .meeting(let id):
            tables.meetings[id] = nil
            tables.attendance = tables.attendance.filter { $0.value.meetingID != id }
        case .attendance(let meetingID, let memberID): tables.attendance["\(meetingID)\u{0}\(memberID)"] = nil
        case .rating(let id): tables.ratings[id] = nil
        case .event(let id):
            if var event = tables.events[id], event.heldOn != nil {
                event.heldOn = nil
                event.attendees = nil
                tables.events[id] = event
            } else {
                tables.events[id] = nil
            }
        case .project(let id): tables.projects[id] = nil
        case .plan(let networkID): tables.networks[networkID]?.planStartedOn = nil
        }
    }
}
