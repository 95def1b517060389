extension FixtureSet {
    /// A login's credential problems that span its file and `service.json`: its own checks
    /// naming an account list the service lacks, a response answering a check it does not run.
    static func credentialProblems(of endpoint: EndpointFixture, in service: ServiceFixture) -> [FixtureProblem] {
        var problems: [FixtureProblem] = []
        for check in endpoint.credentials ?? [] where check.accounts != CredentialCheck.userList && service.accounts[check.accounts] == nil {
            problems.append(
                FixtureProblem(
                    file: endpoint.file,
                    path: "$.credentials",
                    reason: "no account list \"\(check.accounts)\" under the \"accounts\" of service \"\(service.name)\""
                )
            )
        }
        if let list = endpoint.clients, service.accounts[list] == nil {
            let reason = "no account list \"\(list)\" under the \"accounts\" of service \"\(service.name)\" to hold the clients"
            problems.append(FixtureProblem(file: endpoint.file, path: "$.clients", reason: reason))
        }
        let names = Set(service.credentialChecks(of: endpoint).compactMap(\.name))
        for (index, response) in endpoint.responses.enumerated() {
            guard let check = response.check, endpoint.role == .login || endpoint.credentials != nil, !names.contains(check) else { continue }
            problems.append(
                FixtureProblem(
                    file: endpoint.file,
                    path: "$.responses[\(index)].check",
                    reason: "the \(endpoint.role) runs no credential check named \"\(check)\""
                )
            )
        }
        return problems
    }
}
