import TrustCore

extension DemoProgramme {
    /// The three demo networks (the guide's regions and trades): dairy in Cajamarca, guinea pigs in Cusco,
    /// flowers in La Libertad.
    static let networks: [Plan] = [
        Plan(
            code: "HUAMBO", name: "Lácteos Huambocancha (Cajamarca)", phonePrefix: "+519871000",
            people: [
                Person(name: "Rosa Quispe", gender: .female, role: .presidente), Person(name: "Juan Chávez", gender: .male, role: .secretario),
                Person(name: "Carmen Huamán", gender: .female, role: .tesorero), Person(name: "Pedro Cerna", gender: .male),
                Person(name: "Elena Vásquez", gender: .female), Person(name: "Luis Tanta", gender: .male),
                Person(name: "Marta Llanos", gender: .female), Person(name: "José Sangay", gender: .male),
                Person(name: "Julia Alvarado", gender: .female), Person(name: "Segundo Rojas", gender: .male),
                Person(name: "Nelly Castrejón", gender: .female), Person(name: "Wilmer Mendoza", gender: .male),
            ],
            health: Health(
                attendance: (0.86, 0.93), meetingEvery: 1, extraordinaryEvery: 3, listShare: 0.9, selfConfirmShare: 0.8, eventEvery: 2,
                heldShare: 1, satisfaction: 4...5, pulse: 4...5, expert: 4...5, contribution: (20, 0.03), confirmShare: 0.97,
                confirmDays: 1...4, project: true, planWeek: -8),
            events: ["Faena comunal", "Visita a planta quesera", "Aniversario de la red", "Feria lechera"]),
        Plan(
            code: "CUYES", name: "Criadores de cuyes de Anta (Cusco)", phonePrefix: "+519872000",
            people: [
                Person(name: "Hilda Mamani", gender: .female, role: .presidente), Person(name: "Víctor Condori", gender: .male, role: .secretario),
                Person(name: "Lourdes Huillca", gender: .female, role: .tesorero), Person(name: "Mario Quispe", gender: .male),
                Person(name: "Yolanda Ccori", gender: .female), Person(name: "Fredy Puma", gender: .male),
                Person(name: "Nancy Choque", gender: .female), Person(name: "Alberto Huamán", gender: .male),
                Person(name: "Sonia Layme", gender: .female), Person(name: "Edwin Apaza", gender: .male),
                Person(name: "Rocío Cusi", gender: .female),
            ],
            health: Health(
                attendance: (0.84, 0.72), meetingEvery: 2, extraordinaryEvery: 4, listShare: 0.6, selfConfirmShare: 0.75, eventEvery: 3,
                heldShare: 0.7, satisfaction: 3...4, pulse: 3...4, expert: 3...4, contribution: (15, 0.02), confirmShare: 0.8,
                confirmDays: 2...12, project: false, planWeek: 5),
            events: ["Pasantía a granja modelo", "Concurso de cuyes", "Almuerzo de integración"]),
        Plan(
            code: "FLORES", name: "Floricultores de Otuzco (La Libertad)", phonePrefix: "+519873000",
            people: [
                Person(name: "Teodoro Rodríguez", gender: .male, role: .presidente), Person(name: "Flor Gutiérrez", gender: .female, role: .secretario),
                Person(name: "Manuel Alfaro", gender: .male, role: .tesorero), Person(name: "Gladys Polo", gender: .female),
                Person(name: "Santos Reyes", gender: .male), Person(name: "Irma Zavaleta", gender: .female),
                Person(name: "Alejandro Vera", gender: .male), Person(name: "Dina Carranza", gender: .female),
                Person(name: "Hugo Ávila", gender: .male), Person(name: "Olga Sánchez", gender: .female),
                Person(name: "César Jara", gender: .male), Person(name: "Maribel León", gender: .female),
                Person(name: "Raúl Ruiz", gender: .male),
            ],
            health: Health(
                attendance: (0.55, 0.3), meetingEvery: 2, extraordinaryEvery: nil, listShare: 0.3, selfConfirmShare: 0.3, eventEvery: 4,
                heldShare: 0.25, satisfaction: 1...3, pulse: 1...3, expert: 1...2, contribution: (12, -0.05), confirmShare: 0.35,
                confirmDays: 10...30, project: false, planWeek: nil),
            events: ["Feria de flores", "Capacitación en poscosecha", "Reunión con compradores"]),
    ]
}
